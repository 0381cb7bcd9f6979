using Pubky.Protocol.Encoding;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Keys;

public class ZBase32Tests
{
    [Fact]
    public void PkarrVectorDecodesToItsBytes()
    {
        Assert.True(Base32Alphabets.ZBase32.TryDecode(Vectors.PkarrZ32, out var bytes));
        Assert.Equal(Vectors.PkarrBytes, bytes);
    }

    [Fact]
    public void PkarrVectorBytesEncodeToItsText() =>
        Assert.Equal(Vectors.PkarrZ32, Base32Alphabets.ZBase32.Encode(Vectors.PkarrBytes));

    [Fact]
    public void ThirtyTwoBytesTakeFiftyTwoCharacters() =>
        Assert.Equal(52, Base32Alphabets.ZBase32.Encode(new byte[32]).Length);

    [Fact]
    public void UppercaseInputDecodesLikeLowercase()
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
    public void CharactersOutsideTheAlphabetAreRejected(string text) =>
        Assert.False(Base32Alphabets.ZBase32.TryDecode(text, out _));

    [FsCheck.Xunit.Property]
    public bool EncodeThenDecodeGivesTheBytesBack(byte[] data) =>
        Base32Alphabets.ZBase32.TryDecode(Base32Alphabets.ZBase32.Encode(data ?? []), out var back)
        && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property]
    public bool CrockfordEncodeThenDecodeGivesTheBytesBack(byte[] data) =>
        Base32Alphabets.Crockford.TryDecode(Base32Alphabets.Crockford.Encode(data ?? []), out var back)
        && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property]
    public void DecodingAnyStringNeverThrows(string text)
    {
        Base32Alphabets.ZBase32.TryDecode(text ?? "", out _);
        Base32Alphabets.Crockford.TryDecode(text ?? "", out _);
    }
}
