using Pubky.Pkarr.Bencode;
using static Pubky.Pkarr.Tests.TestBytes;

namespace Pubky.Pkarr.Tests.Bencode;

public sealed class BencodeEncoderTests
{
    [Fact]
    public void Dictionary_keys_are_written_in_raw_byte_order()
    {
        var dictionary = new BencodeDictionary { { "z", 1 }, { "a", 2 } };
        dictionary.Add([0xff], 3);
        dictionary.Add("B", 4);

        Assert.Equal(Concat(Ascii("d1:Bi4e1:ai2e1:zi1e1:"), [0xff], Ascii("i3ee")), BencodeEncoder.Encode(dictionary));
    }

    [Theory]
    [InlineData(0L, "i0e")]
    [InlineData(-1L, "i-1e")]
    [InlineData(42L, "i42e")]
    [InlineData(long.MinValue, "i-9223372036854775808e")]
    public void Integers_are_plain_decimal(long value, string expected) =>
        Assert.Equal(Ascii(expected), BencodeEncoder.Encode(value));

    [Fact]
    public void Unsigned_integers_beyond_long_are_plain_decimal() =>
        Assert.Equal(Ascii("i18446744073709551615e"), BencodeEncoder.Encode(ulong.MaxValue));

    [Fact]
    public void Strings_lists_and_nested_values_encode() =>
        Assert.Equal(
            Ascii("l4:spami7e0:d1:kleee"),
            BencodeEncoder.Encode(new object[] { "spam", 7, Array.Empty<byte>(), new BencodeDictionary { { "k", new List<object>() } } }));

    [Fact]
    public void Memory_slices_encode_as_byte_strings() =>
        Assert.Equal(Ascii("2:bc"), BencodeEncoder.Encode(new ReadOnlyMemory<byte>(Ascii("abcd"), 1, 2)));

    [Fact]
    public void Unsupported_types_are_refused() =>
        Assert.Throws<ArgumentException>(() => BencodeEncoder.Encode(1.5));
}
