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
    public void Empty_body_hashes_to_the_official_empty_vector() =>
        Assert.Equal(EmptyBodyBase64, ContentHash.Compute([]).ToBase64());

    [Fact]
    public void Spec_sse_example_is_a_well_formed_content_hash() =>
        Assert.Equal(SpecExampleBase64, ContentHash.ParseBase64(SpecExampleBase64).ToBase64());

    [Fact]
    public void Base_64_form_has_forty_four_characters_with_padding()
    {
        var text = ContentHash.Compute("hello"u8).ToBase64();
        Assert.Equal(44, text.Length);
        Assert.EndsWith("=", text);
    }

    [Fact]
    public void Etag_is_the_base_64_form_in_double_quotes()
    {
        var hash = ContentHash.Compute([]);
        Assert.Equal("\"" + EmptyBodyBase64 + "\"", hash.ToETag());
        Assert.Equal(46, hash.ToETag().Length);
    }

    [Fact]
    public void Etag_parses_back_to_the_hash() =>
        Assert.Equal(ContentHash.Compute([]), ContentHash.ParseETag("\"" + EmptyBodyBase64 + "\""));

    [Fact]
    public void Unquoted_text_is_not_an_etag() =>
        Assert.Throws<InvalidContentHashException>(() => ContentHash.ParseETag(SpecExampleBase64));

    [Fact]
    public void Weak_etag_is_not_accepted() =>
        Assert.False(ContentHash.TryParseETag("W/\"" + SpecExampleBase64 + "\"", out _));

    [Fact]
    public void Base_64_without_padding_is_rejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64.TrimEnd('='), out _));

    [Fact]
    public void Url_safe_alphabet_is_rejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64.Replace('r', '-'), out _));

    [Fact]
    public void Non_canonical_trailing_bits_are_rejected() =>
        // The last symbol carries 4 data bits and 2 unused ones: 'I' (001000) is canonical, 'J' (001001) is not.
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64[..42] + "J=", out _));

    [Fact]
    public void Embedded_whitespace_is_rejected() =>
        Assert.False(ContentHash.TryParseBase64(SpecExampleBase64[..20] + " " + SpecExampleBase64[21..], out _));

    [Fact]
    public void Parse_base_64_reports_with_a_format_exception() =>
        Assert.Throws<InvalidContentHashException>(() => ContentHash.ParseBase64("nope"));

    [Fact]
    public void From_bytes_refuses_other_lengths() =>
        Assert.Throws<ArgumentException>(() => ContentHash.FromBytes(new byte[31]));

    [Fact]
    public void Hashes_of_equal_bytes_are_equal() =>
        Assert.True(ContentHash.Compute("a"u8) == ContentHash.FromBytes(Blake3Hasher.Hash("a"u8)));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Etag_format_then_parse_gives_the_hash_back(ContentHash hash) =>
        ContentHash.ParseETag(hash.ToETag()) == hash;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Base_64_format_then_parse_gives_the_hash_back(ContentHash hash) =>
        ContentHash.ParseBase64(hash.ToBase64()) == hash;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Parsed_text_formats_back_to_the_same_text(string text) =>
        !ContentHash.TryParseBase64(text, out var hash) || hash.ToBase64() == text;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => ContentHash.ParseBase64(text))
        && ParserContract.FailsOnlyWithFormatException(() => ContentHash.ParseETag(text));
}
