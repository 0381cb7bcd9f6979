using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>The WebDAV path rules: how decoded request paths normalize, and which are refused.</summary>
public class WebDavPathNormalizationTests
{
    [Fact]
    public void Empty_dot_and_dot_dot_segments_normalize_away() =>
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
    public void Reference_examples_normalize_as_upstream(string input, string expected) =>
        Assert.Equal(expected, WebDavPath.Parse(input).Value);

    [Fact]
    public void Dot_dot_above_root_is_rejected() =>
        Assert.Equal("Failed to normalize path: '..'.", Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/..")).Message);

    [Fact]
    public void Dot_dot_twice_from_one_segment_is_rejected() =>
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
    public void Path_without_leading_slash_is_rejected(string input) =>
        Assert.Equal("Path must start with '/'", Assert.Throws<InvalidPathException>(() => WebDavPath.Parse(input)).Message);

    [Theory]
    [InlineData("/pub/bench/1k")]
    [InlineData("/pub/a.b/...")]
    [InlineData("/priv/x~y/z_1-2/")]
    [InlineData("/pub/%20")]
    public void A_path_that_is_normal_already_parses_to_its_own_text(string input) =>
        Assert.Equal(input, WebDavPath.Parse(input).Value);

    [Fact]
    public void Trailing_slash_makes_a_directory() => Assert.True(WebDavPath.Parse("/pub/a/").IsDirectory);

    [Fact]
    public void Trailing_dot_dot_makes_a_directory() => Assert.Equal("/pub/", WebDavPath.Parse("/pub/a/..").Value);

    [Fact]
    public void Trailing_dot_keeps_a_file() => Assert.Equal("/pub/a", WebDavPath.Parse("/pub/a/.").Value);

    [Fact]
    public void Segment_ending_in_two_dots_is_an_ordinary_file_name() => Assert.Equal("/pub/a..", WebDavPath.Parse("/pub/a..").Value);

    [Fact]
    public void Path_without_trailing_slash_is_a_file() => Assert.True(WebDavPath.Parse("/pub/a").IsFile);

    [Fact]
    public void Dot_at_the_root_normalizes_to_the_root() => Assert.Equal("/", WebDavPath.Parse("/.").Value);

    [Fact]
    public void Segment_of_255_bytes_is_accepted()
    {
        var path = "/prefix/" + new string('a', 255) + "/suffix";
        Assert.Equal(path, WebDavPath.Parse(path).Value);
    }

    [Fact]
    public void Segment_of_256_bytes_is_rejected() =>
        Assert.StartsWith(
            "Invalid path: Segment exceeds maximum length of 255 characters.",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/prefix/" + new string('a', 256) + "/suffix")).Message);

    [Fact]
    public void Segment_length_counts_utf8_bytes() =>
        // 128 × 'ü' is 128 characters but 256 UTF-8 bytes.
        Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/pub/" + new string('ü', 128)));

    [Fact]
    public void Path_of_4096_bytes_is_accepted() => Assert.Equal(4096, WebDavPath.Parse(PathOfBytes(4096)).Value.Length);

    [Fact]
    public void Path_of_4097_bytes_is_rejected() =>
        Assert.StartsWith(
            "Invalid path: Total path length exceeds maximum of 4096 characters. Length: 4097",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse(PathOfBytes(4097))).Message);

    [Fact]
    public void Total_length_is_measured_after_normalization() =>
        Assert.True(WebDavPath.TryParse(PathOfBytes(4096) + "/x/../.", out _));

    [Fact]
    public void Nul_is_rejected() =>
        Assert.Equal(
            "Invalid path: ASCII control characters are not allowed in segments",
            Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/dav/file\0")).Message);

    [Theory]
    [InlineData("/pub/a\nb")]
    [InlineData("/pub/a\tb")]
    [InlineData("/pub/\u007f")]
    [InlineData("/pub/\u0085")]
    public void Control_characters_are_rejected(string input) => Assert.False(WebDavPath.TryParse(input, out _));

    [Fact]
    public void Lone_surrogate_is_rejected() => Assert.Throws<InvalidPathException>(() => WebDavPath.Parse("/pub/\uD800x"));

    [Theory]
    [InlineData("/pub/über")]
    [InlineData("/dav/über")]
    [InlineData("/pub/<script>")]
    [InlineData("/dav/file*.txt")]
    [InlineData("/pub/file%.txt")]
    [InlineData("/pub/😀")]
    [InlineData("/pub/a b")]
    public void Unusual_but_valid_characters_are_kept(string input) => Assert.Equal(input, WebDavPath.Parse(input).Value);

    [Fact]
    public void Null_is_not_a_path() => Assert.False(WebDavPath.TryParse(null, out _));

    [Fact]
    public void Try_parse_with_reason_gives_the_message_parse_throws()
    {
        Assert.False(WebDavPath.TryParse("/..", out _, out var error));
        Assert.Equal("Failed to normalize path: '..'.", error);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)], MaxTest = 300)]
    public bool Normalizing_is_idempotent(FsCheck.NonNull<string> seed) =>
        NormalizesTwiceTheSame("/" + seed.Get);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property Generated_raw_paths_normalize_idempotently() =>
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.ToArbitrary(ProtocolArbitraries.RawPath), NormalizesTwiceTheSame);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property Normalized_paths_have_no_empty_or_dot_segments() =>
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Arb.ToArbitrary(ProtocolArbitraries.RawPath),
            raw => !WebDavPath.TryParse(raw, out var path)
                || (path.Value.StartsWith('/')
                    && !path.Value.Contains("//")
                    && path.Segments.All(s => s is not ("." or ".."))));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
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
