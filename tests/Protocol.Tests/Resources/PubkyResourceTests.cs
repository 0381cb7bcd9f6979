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
    public void PubkySchemeFormParses()
    {
        var resource = PubkyResource.Parse("pubky://" + User + "/pub/my.app/file");
        Assert.Equal(User, resource.Owner.Z32);
        Assert.Equal("/pub/my.app/file", resource.Path.Value);
    }

    [Fact]
    public void IdentifierFormParsesToTheSameResource() =>
        Assert.Equal(
            PubkyResource.Parse("pubky://" + User + "/pub/my.app/file"),
            PubkyResource.Parse("pubky" + User + "/pub/my.app/file"));

    [Fact]
    public void CanonicalFormIsPubkySchemeZ32AndPath() =>
        Assert.Equal("pubky://" + User + "/pub/my.app/file", PubkyResource.Parse("pubky" + User + "/pub/my.app/file").ToString());

    [Fact]
    public void CanonicalFormKeepsTheDecodedPath() =>
        Assert.Equal("pubky://" + User + "/pub/My File ä.txt", PubkyResource.Parse("pubky://" + User + "/pub/My File ä.txt").ToString());

    [Fact]
    public void DisplayPrefixInsidePubkySchemeIsRejected() =>
        Assert.Equal(
            "invalid user public key: pubky" + User,
            Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://pubky" + User + "/pub/a")).Message);

    [Fact]
    public void KeyThatHappensToStartWithPubkyIsAcceptedInsidePubkyScheme()
    {
        var key = KeyStartingWithPubky();
        Assert.Equal(key, PubkyResource.Parse("pubky://" + key.Z32 + "/pub/a").Owner);
    }

    [Fact]
    public void PubkySchemeWithoutAPathIsRejected() =>
        Assert.Equal("missing `<user>/<path>`", Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://" + User)).Message);

    [Fact]
    public void PubkySchemeWithJustASlashIsTheRoot() => Assert.Equal("/", PubkyResource.Parse("pubky://" + User + "/").Path.Value);

    [Fact]
    public void BareZ32PathIsNotAResource() =>
        Assert.Equal(
            "expected `pubky<user>/<path>` or `pubky://<user>/<path>`",
            Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse(User + "/pub/a")).Message);

    [Fact]
    public void IdentifierFormWithoutAPathIsRejected() => Assert.False(PubkyResource.TryParse("pubky" + User, out _));

    [Fact]
    public void PkarrUriFormIsNotAResource() => Assert.False(PubkyResource.TryParse("pk:" + User + "/pub/a", out _));

    [Fact]
    public void PathIsNormalizedByTheWebDavRules() =>
        Assert.Equal("/pub/a/c", PubkyResource.Parse("pubky://" + User + "/pub//a/./b/../c").Path.Value);

    [Fact]
    public void PathEscapingTheRootIsRejectedWithThePathReason() =>
        Assert.Equal("Failed to normalize path: '..'.", Assert.Throws<InvalidResourceException>(() => PubkyResource.Parse("pubky://" + User + "/..")).Message);

    [Fact]
    public void TransportUrlUsesTheUnderscorePubkyHost() =>
        Assert.Equal("https://_pubky." + User + "/pub/a.txt", PubkyResource.Parse("pubky://" + User + "/pub/a.txt").ToTransportUrl());

    [Fact]
    public void TransportUrlPercentEncodesThePath() =>
        Assert.Equal(
            "https://_pubky." + User + "/pub/file%25.txt/My%20File%20%C3%A4",
            PubkyResource.Parse("pubky://" + User + "/pub/file%.txt/My File ä").ToTransportUrl());

    [Fact]
    public void TransportUrlParsesBackToTheResource() =>
        Assert.Equal(
            PubkyResource.Parse("pubky://" + User + "/pub/file%.txt"),
            PubkyResource.ParseTransportUrl("https://_pubky." + User + "/pub/file%25.txt"));

    [Fact]
    public void HttpTransportUrlWithPortQueryAndFragmentParses() =>
        Assert.Equal("/pub/a", PubkyResource.ParseTransportUrl("http://_pubky." + User + ":15411/pub/a?x=1#frag").Path.Value);

    [Fact]
    public void TransportUrlWithoutAPathIsTheRoot() =>
        Assert.Equal("/", PubkyResource.ParseTransportUrl("https://_pubky." + User).Path.Value);

    [Fact]
    public void TransportUrlWithoutTheUnderscorePubkyLabelIsRejected() =>
        Assert.Equal(
            "transport URL host must start with '_pubky.'",
            Assert.Throws<InvalidResourceException>(() => PubkyResource.ParseTransportUrl("https://" + User + "/pub/a")).Message);

    [Fact]
    public void TransportUrlWithADisplayFormKeyIsRejected() =>
        Assert.False(PubkyResource.TryParseTransportUrl("https://_pubky.pubky" + User + "/pub/a", out _));

    [Fact]
    public void TransportUrlWithAnotherSchemeIsRejected() =>
        Assert.False(PubkyResource.TryParseTransportUrl("ftp://_pubky." + User + "/pub/a", out _));

    [Theory]
    [InlineData("/pub/%")]
    [InlineData("/pub/%2")]
    [InlineData("/pub/%zz")]
    [InlineData("/pub/%C3")]
    public void TransportUrlWithABrokenEscapeIsRejected(string path) =>
        Assert.False(PubkyResource.TryParseTransportUrl("https://_pubky." + User + path, out _));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool FormatThenParseGivesTheResourceBack(PubkyResource resource) =>
        PubkyResource.Parse(resource.ToString()) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool IdentifierFormParsesToTheSameResourceForAnyResource(PubkyResource resource) =>
        PubkyResource.Parse("pubky" + resource.Owner.Z32 + resource.Path.Value) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool TransportUrlThenParseGivesTheResourceBack(PubkyResource resource) =>
        PubkyResource.ParseTransportUrl(resource.ToTransportUrl()) == resource;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool TransportUrlIsAValidAbsoluteUri(PubkyResource resource) =>
        Uri.TryCreate(resource.ToTransportUrl(), UriKind.Absolute, out var uri)
        && Uri.UnescapeDataString(uri.AbsolutePath) == resource.Path.Value;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool GarbageIsRejectedOnlyWithAFormatException(string text) =>
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
