using Pubky.Protocol.Encoding;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Keys;

public class ZBase32Tests
{
    [Fact]
    public void Pkarr_vector_decodes_to_its_bytes()
    {
        Assert.True(Base32Alphabets.ZBase32.TryDecode(Vectors.PkarrZ32, out var bytes));
        Assert.Equal(Vectors.PkarrBytes, bytes);
    }

    [Fact]
    public void Pkarr_vector_bytes_encode_to_its_text() =>
        Assert.Equal(Vectors.PkarrZ32, Base32Alphabets.ZBase32.Encode(Vectors.PkarrBytes));

    [Fact]
    public void Thirty_two_bytes_take_fifty_two_characters() =>
        Assert.Equal(52, Base32Alphabets.ZBase32.Encode(new byte[32]).Length);

    [Fact]
    public void Uppercase_input_decodes_like_lowercase()
    {
        Assert.True(Base32Alphabets.ZBase32.TryDecode(Vectors.PkarrZ32.ToUpperInvariant(), out var bytes));
        Assert.Equal(Vectors.PkarrBytes, bytes);
    }

    [Theory]
    [InlineData("0")] // not in the alphabet
    [InlineData("l")]
    [InlineData("v")]
    [InlineData("2")]
    [InlineData("yyyy-yyy")]
    [InlineData("ü")]
    public void Characters_outside_the_alphabet_are_rejected(string text) =>
        Assert.False(Base32Alphabets.ZBase32.TryDecode(text, out _));

    [FsCheck.Xunit.Property]
    public bool Encode_then_decode_gives_the_bytes_back(byte[] data) =>
        Base32Alphabets.ZBase32.TryDecode(Base32Alphabets.ZBase32.Encode(data ?? []), out var back)
        && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property]
    public bool Crockford_encode_then_decode_gives_the_bytes_back(byte[] data) =>
        Base32Alphabets.Crockford.TryDecode(Base32Alphabets.Crockford.Encode(data ?? []), out var back)
        && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property]
    public void Decoding_any_string_never_throws(string text)
    {
        Base32Alphabets.ZBase32.TryDecode(text ?? "", out _);
        Base32Alphabets.Crockford.TryDecode(text ?? "", out _);
    }
}
