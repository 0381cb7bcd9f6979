using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>The WebDAV path rules: how decoded request paths normalize, and which are refused.</summary>
public class WebDavPathNormalizationTests
{
    [Fact]
    public void EmptyDotAndDotDotSegmentsNormalizeAway() =>
        Assert.Equal("/pub/a/c", WebDavPath.Parse("/pub//a/./b/../c").Value);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("/test/..", "/")]
    [InlineData("/test/../test", "/test")]
    [InlineData("/test/../test/", "/test/")]
    [InlineData("/test//test", "/test/test")]
    [InlineData("/test", "/test")]
    [InlineData("/test/", "/test/")]
    [InlineData("/dav//folder/", "/dav/folder/")]
    public void ReferenceExamplesNormalizeAsUpstream(string input, string expected) =>
        Assert.Equal(expected, WebDavPath.Parse(input).Value);

    [Fact]
    public void DotDotAboveRootIsRejected() =>
        Assert.Equal("Failed to normalize path: '..'.", Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/..")).Message);

    [Fact]
    public void DotDotTwiceFromOneSegmentIsRejected() =>
        Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/test/../.."));

    [Theory]
    [InlineData("")]
    [InlineData("test")]
    [InlineData("test/")]
    [InlineData("test/test")]
    [InlineData("http://example.com/test")]
    [InlineData("\\test\\")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("C:\\dav\\file")]
    public void PathWithoutLeadingSlashIsRejected(string input) =>
        Assert.Equal("Path must start with '/'", Assert.Throws<InvalidPathException>(() => WebDavPath.Parse(input)).Message);

    [Fact]
    public void TrailingSlashMakesADirectory() => Assert.True(WebDavPath.Parse("/pub/a/").IsDirectory);

    [Fact]
    public void TrailingDotDotMakesADirectory() => Assert.Equal("/pub/", WebDavPath.Parse("/pub/a/..").Value);

    [Fact]
    public void TrailingDotKeepsAFile() => Assert.Equal("/pub/a", WebDavPath.Parse("/pub/a/.").Value);

    [Fact]
    public void SegmentEndingInTwoDotsIsAnOrdinaryFileName() => Assert.Equal("/pub/a..", WebDavPath.Parse("/pub/a..").Value);

    [Fact]
    public void PathWithoutTrailingSlashIsAFile() => Assert.True(WebDavPath.Parse("/pub/a").IsFile);

    [Fact]
    public void DotAtTheRootNormalizesToTheRoot() => Assert.Equal("/", WebDavPath.Parse("/.").Value);

    [Fact]
    public void SegmentOf255BytesIsAccepted()
    {
        var path = "/prefix/" + new string('a', 255) + "/suffix";
        Assert.Equal(path, WebDavPath.Parse(path).Value);
    }

    [Fact]
    public void SegmentOf256BytesIsRejected() =>
        Assert.StartsWith(
            "Invalid path: Segment exceeds maximum length of 255 characters.",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/prefix/" + new string('a', 256) + "/suffix")).Message);

    [Fact]
    public void SegmentLengthCountsUtf8Bytes() =>
        // 128 × 'ü' is 128 characters but 256 UTF-8 bytes.
        Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/pub/" + new string('ü', 128)));

    [Fact]
    public void PathOf4096BytesIsAccepted() => Assert.Equal(4096, WebDavPath.Parse(PathOfBytes(4096)).Value.Length);

    [Fact]
    public void PathOf4097BytesIsRejected() =>
        Assert.StartsWith(
            "Invalid path: Total path length exceeds maximum of 4096 characters. Length: 4097",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse(PathOfBytes(4097))).Message);

    [Fact]
    public void TotalLengthIsMeasuredAfterNormalization() =>
        Assert.True(WebDavPath.TryParse(PathOfBytes(4096) + "/x/../.", out _));

    [Fact]
    public void NulIsRejected() =>
        Assert.Equal(
            "Invalid path: ASCII control characters are not allowed in segments",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/dav/file\0")).Message);

    [Theory]
    [InlineData("/pub/a\nb")]
    [InlineData("/pub/a\tb")]
    [InlineData("/pub/\u007f")]
    [InlineData("/pub/\u0085")]
    public void ControlCharactersAreRejected(string input) => Assert.False(WebDavPath.TryParse(input, out _));

    [Fact]
    public void LoneSurrogateIsRejected() => Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/pub/\uD800x"));

    [Theory]
    [InlineData("/pub/über")]
    [InlineData("/dav/über")]
    [InlineData("/pub/<script>")]
    [InlineData("/dav/file*.txt")]
    [InlineData("/pub/file%.txt")]
    [InlineData("/pub/😀")]
    [InlineData("/pub/a b")]
    public void UnusualButValidCharactersAreKept(string input) => Assert.Equal(input, WebDavPath.Parse(input).Value);

    [Fact]
    public void NullIsNotAPath() => Assert.False(WebDavPath.TryParse(null, out _));

    [Fact]
    public void TryParseWithReasonGivesTheMessageParseThrows()
    {
        Assert.False(WebDavPath.TryParse("/..", out _, out var error));
        Assert.Equal("Failed to normalize path: '..'.", error);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)], MaxTest = 300)]
    public bool NormalizingIsIdempotent(FsCheck.NonNull<string> seed) =>
        NormalizesTwiceTheSame("/" + seed.Get);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property GeneratedRawPathsNormalizeIdempotently() =>
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.ToArbitrary(ProtocolArbitraries.RawPath), NormalizesTwiceTheSame);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property NormalizedPathsHaveNoEmptyOrDotSegments() =>
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Arb.ToArbitrary(ProtocolArbitraries.RawPath),
            raw => !WebDavPath.TryParse(raw, out var path)
                || (path.Value.StartsWith('/')
                    && !path.Value.Contains("//")
                    && path.Segments.All(s => s is not ("." or ".."))));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool GarbageIsRejectedOnlyWithAFormatException(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => WebDavPath.Parse(text));

    private static bool NormalizesTwiceTheSame(string raw) =>
        !WebDavPath.TryParse(raw, out var once) || WebDavPath.Parse(once.Value) == once;

    /// <summary>An absolute file path of exactly <paramref name="bytes"/> ASCII bytes: "/" + 199 letters, repeated, then the rest.</summary>
    private static string PathOfBytes(int bytes)
    {
        var path = new System.Text.StringBuilder();
        while (path.Length < bytes)
        {
            var letters = Math.Min(199, bytes - path.Length - 1);
            path.Append('/').Append('s', letters);
        }
        Assert.Equal(bytes, path.Length);
        return path.ToString();
    }
}
