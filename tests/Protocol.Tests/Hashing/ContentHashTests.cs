using Pubky.Protocol.Hashing;
using Pubky.Protocol.Tests.Paths;

namespace Pubky.Protocol.Tests.Hashing;

public class ContentHashTests
{
    /// <summary>
    /// The SSE example in the doc comments of pubky-core v0.6.0's pubky-homeserver/src/client_server/routes/events.rs.
    /// It is one character away from BLAKE3 of the empty body (below).
    /// </summary>
    private const string SpecExampleBase64 = "r0NJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI=";

    /// <summary>BLAKE3 of the empty input (official vector af1349b9…) in standard base64.</summary>
    private const string EmptyBodyBase64 = "rxNJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI=";

    [Fact]
    public void EmptyBodyHashesToTheOfficialEmptyVector() =>
        Assert.Equal(EmptyBodyBase64, ContentHash.Compute([]).ToBase64());

    [Fact]
    public void SpecSseExampleIsAWellFormedContentHash() =>
        Assert.Equal(SpecExampleBase64, ContentHash.ParseBase64(SpecExampleBase64).ToBase64());

    [Fact]
    public void Base64FormHasFortyFourCharactersWithPadding()
    {
        var text = ContentHash.Compute("hello"u8).ToBase64();
        Assert.Equal(44, text.Length);
        Assert.EndsWith("=", text);
    }

    [Fact]
    public void ETagIsTheBase64FormInDoubleQuotes()
    {
        var hash = ContentHash.Compute([]);
        Assert.Equal("\"" + EmptyBodyBase64 + "\"", hash.ToETag());
        Assert.Equal(46, hash.ToETag().Length);
    }

    [Fact]
    public void ETagParsesBackToTheHash() =>
        Assert.Equal(ContentHash.Compute([]), ContentHash.ParseETag("\"" + EmptyBodyBase64 + "\""));

    [Fact]
    public void UnquotedTextIsNotAnETag() =>
        Assert.Throws<InvalidContentHashException>(() => ContentHash.ParseETag(SpecExampleBase64));

    [Fact]
    public void WeakETagIsNotAccepted() =>
        Assert.False(ContentHash.TryParseETag("W/\"" + SpecExampleBase64 + "\"", out _));

    [Fact]
    public void Base64WithoutPaddingIsRejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64.TrimEnd('='), out _));

    [Fact]
    public void UrlSafeAlphabetIsRejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64.Replace('r', '-'), out _));

    [Fact]
    public void NonCanonicalTrailingBitsAreRejected() =>
        // The last symbol carries 4 data bits and 2 unused ones: 'I' (001000) is canonical, 'J' (001001) is not.
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64[..42] + "J=", out _));

    [Fact]
    public void EmbeddedWhitespaceIsRejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64[..20] + " " + SpecExampleBase64[21..], out _));

    [Fact]
    public void ParseBase64ReportsWithAFormatException() =>
        Assert.Throws<InvalidContentHashException>(() => ContentHash.ParseBase64("nope"));

    [Fact]
    public void FromBytesRefusesOtherLengths() =>
        Assert.Throws<ArgumentException>(() => ContentHash.FromBytes(new byte[31]));

    [Fact]
    public void HashesOfEqualBytesAreEqual() =>
        Assert.True(ContentHash.Compute("a"u8) == ContentHash.FromBytes(Blake3Hasher.Hash("a"u8)));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool ETagFormatThenParseGivesTheHashBack(ContentHash hash) =>
        ContentHash.ParseETag(hash.ToETag()) == hash;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Base64FormatThenParseGivesTheHashBack(ContentHash hash) =>
        ContentHash.ParseBase64(hash.ToBase64()) == hash;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool ParsedTextFormatsBackToTheSameText(string text) =>
        !ContentHash.TryParseBase64(text, out var hash) || hash.ToBase64() == text;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool GarbageIsRejectedOnlyWithAFormatException(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => ContentHash.ParseBase64(text))
        && ParserContract.FailsOnlyWithFormatException(() => ContentHash.ParseETag(text));
}
