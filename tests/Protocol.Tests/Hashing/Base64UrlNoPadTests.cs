using Pubky.Protocol.Hashing;
using Pubky.Protocol.Tests.Paths;

namespace Pubky.Protocol.Tests.Hashing;

public class Base64UrlNoPadTests
{
    [Fact]
    public void EncodingUsesTheUrlSafeAlphabetWithoutPadding() =>
        Assert.Equal("-_8", Base64UrlNoPad.Encode([0xFB, 0xFF]));

    [Fact]
    public void PaddedTextIsRejected() => Assert.False(Base64UrlNoPad.TryDecode("-_8=", out _));

    [Fact]
    public void StandardAlphabetIsRejected() => Assert.False(Base64UrlNoPad.TryDecode("+/8", out _));

    [Fact]
    public void NonCanonicalTrailingBitsAreRejected() => Assert.False(Base64UrlNoPad.TryDecode("-_9", out _));

    [Fact]
    public void ChannelIdIsFortyThreeCharacters() =>
        Assert.Equal(HttpRelayChannel.IdLength, HttpRelayChannel.IdFor(new byte[32]).Length);

    [Fact]
    public void ChannelIdIsTheUnpaddedBase64UrlOfTheSecretsBlake3() =>
        // BLAKE3("") = af1349b9… (official vector), in base64 "rxNJufX5…MmI="; base64url has no '+' or '/' here and drops '='.
        Assert.Equal("rxNJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI", HttpRelayChannel.IdFor([]));

    [FsCheck.Xunit.Property]
    public bool EncodeThenDecodeGivesTheBytesBack(byte[] data) =>
        Base64UrlNoPad.TryDecode(Base64UrlNoPad.Encode(data ?? []), out var back) && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public void DecodingGarbageNeverThrows(string text) => Base64UrlNoPad.TryDecode(text, out _);
}
