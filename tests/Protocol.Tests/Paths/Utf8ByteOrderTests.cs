using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>Listings and cursors sort by UTF-8 bytes, as the reference's <c>COLLATE "C"</c> does.</summary>
public class Utf8ByteOrderTests
{
    [Fact]
    public void Dash_file_sorts_before_the_same_name_as_directory() =>
        Assert.True(WebDavPath.Parse("/pub/example.con-file").CompareTo(WebDavPath.Parse("/pub/example.con/")) < 0);

    [Fact]
    public void Prefix_sorts_first() => Assert.True(Utf8ByteOrder.Instance.Compare("/pub/a", "/pub/a/") < 0);

    [Fact]
    public void Uppercase_sorts_before_lowercase() => Assert.True(Utf8ByteOrder.Instance.Compare("/pub/B", "/pub/a") < 0);

    [Fact]
    public void Astral_character_sorts_after_private_use_character() =>
        // UTF-16 code units would put U+1F600 (surrogates D83D…) before U+E000; UTF-8 bytes F0… come after EE….
        Assert.True(Utf8ByteOrder.Instance.Compare("/pub/😀", "/pub/\uE000") > 0);

    [Fact]
    public void Equal_strings_compare_equal() => Assert.Equal(0, Utf8ByteOrder.Instance.Compare("/pub/ü", "/pub/ü"));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Order_matches_comparing_utf8_bytes(WebDavPath a, WebDavPath b) =>
        Math.Sign(a.CompareTo(b))
        == Math.Sign(System.Text.Encoding.UTF8.GetBytes(a.Value).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b.Value)));
}
