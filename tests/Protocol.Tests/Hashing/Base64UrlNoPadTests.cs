using Pubky.Protocol.Hashing;
using Pubky.Protocol.Tests.Paths;

namespace Pubky.Protocol.Tests.Hashing;

public class Base64UrlNoPadTests
{
    [Fact]
    public void Encoding_uses_the_url_safe_alphabet_without_padding() =>
        Assert.Equal("-_8", Base64UrlNoPad.Encode([0xFB, 0xFF]));

    [Fact]
    public void Padded_text_is_rejected() => Assert.False(Base64UrlNoPad.TryDecode("-_8=", out _));

    [Fact]
    public void Standard_alphabet_is_rejected() => Assert.False(Base64UrlNoPad.TryDecode("+/8", out _));

    [Fact]
    public void Non_canonical_trailing_bits_are_rejected() => Assert.False(Base64UrlNoPad.TryDecode("-_9", out _));

    [Fact]
    public void Channel_id_is_forty_three_characters() =>
        Assert.Equal(HttpRelayChannel.IdLength, HttpRelayChannel.IdFor(new byte[32]).Length);

    [Fact]
    public void Channel_id_is_the_unpadded_base64_url_of_the_secrets_blake3() =>
        // BLAKE3("") = af1349b9… (official vector), in base64 "rxNJufX5…MmI="; base64url has no '+' or '/' here and drops '='.
        Assert.Equal("rxNJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI", HttpRelayChannel.IdFor([]));

    [FsCheck.Xunit.Property]
    public bool Encode_then_decode_gives_the_bytes_back(byte[] data) =>
        Base64UrlNoPad.TryDecode(Base64UrlNoPad.Encode(data ?? []), out var back) && back.AsSpan().SequenceEqual(data ?? []);

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public void Decoding_garbage_never_throws(string text) => Base64UrlNoPad.TryDecode(text, out _);
}
