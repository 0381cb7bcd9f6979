using Pubky.Protocol.Keys;
using Pubky.Protocol.Resources;
using Pubky.Protocol.Tests.Paths;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Resources;

/// <summary>
/// The <c>pubky://</c>, <c>pubky&lt;z32&gt;/</c> and transport forms, as pubky-core v0.6.0's
/// pubky-sdk/src/actors/storage/resource.rs and its JS client (@synonymdev/pubky 0.6.0) use them.
/// </summary>
public class PubkyResourceTests
{
    private const string User = Vectors.ZeroSecretZ32;

    [Fact]
    public void Pubky_scheme_form_parses()
    {
        var resource = PubkyResource.Parse("pubky://" + User + "/pub/my.app/file");
        Assert.Equal(User, resource.Owner.Z32);
        Assert.Equal("/pub/my.app/file", resource.Path.Value);
    }

    [Fact]
    public void Identifier_form_parses_to_the_same_resource() =>
        Assert.Equal(
            PubkyResource.Parse("pubky://" + User + "/pub/my.app/file"),
            PubkyResource.Parse("pubky" + User + "/pub/my.app/file"));

    [Fact]
    public void Canonical_form_is_pubky_scheme_z32_and_path() =>
        Assert.Equal("pubky://" + User + "/pub/my.app/file", PubkyResource.Parse("pubky" + User + "/pub/my.app/file").ToString());

    [Fact]
    public void Canonical_form_keeps_the_decoded_path() =>
        Assert.Equal("pubky://" + User + "/pub/My File ä.txt", PubkyResource.Parse("pubky://" + User + "/pub/My File ä.txt").ToString());

    [Fact]
    public void Display_prefix_inside_pubky_scheme_is_rejected() =>
        Assert.Equal(
            "invalid user public key: pubky" + User,
            Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://pubky" + User + "/pub/a")).Message);

    [Fact]
    public void Key_that_happens_to_start_with_pubky_is_accepted_inside_pubky_scheme()
    {
        var key = KeyStartingWithPubky();
        Assert.Equal(key, PubkyResource.Parse("pubky://" + key.Z32 + "/pub/a").Owner);
    }

    [Fact]
    public void Pubky_scheme_without_a_path_is_rejected() =>
        Assert.Equal("missing `<user>/<path>`", Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://" + User)).Message);

    [Fact]
    public void Pubky_scheme_with_just_a_slash_is_the_root() => Assert.Equal("/", PubkyResource.Parse("pubky://" + User + "/").Path.Value);

    [Fact]
    public void Bare_z32_path_is_not_a_resource() =>
        Assert.Equal(
            "expected `pubky<user>/<path>` or `pubky://<user>/<path>`",
            Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse(User + "/pub/a")).Message);

    [Fact]
    public void Identifier_form_without_a_path_is_rejected() => Assert.False(PubkyResource.TryParse("pubky" + User, out _));

    [Fact]
    public void Pkarr_uri_form_is_not_a_resource() => Assert.False(PubkyResource.TryParse("pk:" + User + "/pub/a", out _));

    [Fact]
    public void Path_is_normalized_by_the_web_dav_rules() =>
        Assert.Equal("/pub/a/c", PubkyResource.Parse("pubky://" + User + "/pub//a/./b/../c").Path.Value);

    [Fact]
    public void Path_escaping_the_root_is_rejected_with_the_path_reason() =>
        Assert.Equal("Failed to normalize path: '..'.", Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://" + User + "/..")).Message);

    [Fact]
    public void Transport_url_uses_the_underscore_pubky_host() =>
        Assert.Equal("https://_pubky." + User + "/pub/a.txt", PubkyResource.Parse("pubky://" + User + "/pub/a.txt").ToTransportUrl());

    [Fact]
    public void Transport_url_percent_encodes_the_path() =>
        Assert.Equal(
            "https://_pubky." + User + "/pub/file%25.txt/My%20File%20%C3%A4",
            PubkyResource.Parse("pubky://" + User + "/pub/file%.txt/My File ä").ToTransportUrl());

    [Fact]
    public void Transport_url_parses_back_to_the_resource() =>
        Assert.Equal(
            PubkyResource.Parse("pubky://" + User + "/pub/file%.txt"),
            PubkyResource.ParseTransportUrl("https://_pubky." + User + "/pub/file%25.txt"));

    [Fact]
    public void Http_transport_url_with_port_query_and_fragment_parses() =>
        Assert.Equal("/pub/a", PubkyResource.ParseTransportUrl("http://_pubky." + User + ":15411/pub/a?x=1#frag").Path.Value);

    [Fact]
    public void Transport_url_without_a_path_is_the_root() =>
        Assert.Equal("/", PubkyResource.ParseTransportUrl("https://_pubky." + User).Path.Value);

    [Fact]
    public void Transport_url_without_the_underscore_pubky_label_is_rejected() =>
        Assert.Equal(
            "transport URL host must start with '_pubky.'",
            Assert.Throws<InvalidResourceException>(() => PubkyResource.ParseTransportUrl("https://" + User + "/pub/a")).Message);

    [Fact]
    public void Transport_url_with_a_display_form_key_is_rejected() =>
        Assert.False(PubkyResource.TryParseTransportUrl("https://_pubky.pubky" + User + "/pub/a", out _));

    [Fact]
    public void Transport_url_with_another_scheme_is_rejected() =>
        Assert.False(PubkyResource.TryParseTransportUrl("ftp://_pubky." + User + "/pub/a", out _));

    [Theory]
    [InlineData("/pub/%")]
    [InlineData("/pub/%2")]
    [InlineData("/pub/%zz")]
    [InlineData("/pub/%C3")]
    public void Transport_url_with_a_broken_escape_is_rejected(string path) =>
        Assert.False(PubkyResource.TryParseTransportUrl("https://_pubky." + User + path, out _));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Format_then_parse_gives_the_resource_back(PubkyResource resource) =>
        PubkyResource.Parse(resource.ToString()) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Identifier_form_parses_to_the_same_resource_for_any_resource(PubkyResource resource) =>
        PubkyResource.Parse("pubky" + resource.Owner.Z32 + resource.Path.Value) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Transport_url_then_parse_gives_the_resource_back(PubkyResource resource) =>
        PubkyResource.ParseTransportUrl(resource.ToTransportUrl()) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Transport_url_is_a_valid_absolute_uri(PubkyResource resource) =>
        Uri.TryCreate(resource.ToTransportUrl(), UriKind.Absolute, out var uri)
        && Uri.UnescapeDataString(uri.AbsolutePath) == resource.Path.Value;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => PubkyResource.Parse(text))
        && ParserContract.FailsOnlyWithFormatException(() => PubkyResource.ParseTransportUrl(text));

    private static PublicKey KeyStartingWithPubky()
    {
        // z-base-32 has p, u, b, k and y, so a real key can begin with "pubky": splice the prefix onto a known key
        // and vary the next character until the 32 bytes are a valid curve point (about half of them are).
        foreach (var c in "ybndrfg8ejkmcpqxot1uwisza345h769")
        {
            if (PublicKey.TryParseZ32("pubky" + c + User[6..], out var key))
            {
                return key;
            }
        }
        throw new InvalidOperationException("No valid key with the prefix was found.");
    }
}
