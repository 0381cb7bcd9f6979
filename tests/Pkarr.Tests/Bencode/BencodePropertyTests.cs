using FsCheck;
using FsCheck.Xunit;
using Pubky.Pkarr.Bencode;

namespace Pubky.Pkarr.Tests.Bencode;

public sealed class BencodePropertyTests
{
    [Property(Arbitrary = [typeof(BencodeGenerators)])]
    public bool Decoding_an_encoding_gives_back_the_value(object value) =>
        BencodeGenerators.StructurallyEqual(value, BencodeDecoder.Decode(BencodeEncoder.Encode(value)));

    [Property]
    public void Random_bytes_either_decode_to_their_canonical_form_or_throw_the_typed_exception(byte[] input)
    {
        object decoded;
        try
        {
            decoded = BencodeDecoder.Decode(input);
        }
        catch (BencodeFormatException)
        {
            return;
        }
        Assert.True(BencodeGenerators.StructurallyEqual(decoded, BencodeDecoder.Decode(BencodeEncoder.Encode(decoded))));
    }

    [Property]
    public void Bencode_shaped_garbage_only_throws_the_typed_exception(NonEmptyArray<char> alphabetIndices)
    {
        const string alphabet = "ilde0123456789:-x";
        var input = alphabetIndices.Get.Select(c => (byte)alphabet[c % alphabet.Length]).ToArray();
        try
        {
            BencodeDecoder.Decode(input);
        }
        catch (BencodeFormatException)
        {
        }
    }
}
