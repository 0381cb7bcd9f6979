using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>The byte-order ranges the stores' listings and prefix queries are built from.</summary>
public sealed class Utf8ByteOrderRangeTests
{
    [Theory]
    [InlineData("/pub/\uFFFD", "/pub/\U0001F600")]
    [InlineData("/pub/a-", "/pub/a/")]
    [InlineData("/pub/a", "/pub/a0")]
    [InlineData("/pub/a", "/pub/ab")]
    public void Compare_follows_utf8_byte_order(string smaller, string larger)
    {
        var smallerBytes = System.Text.Encoding.UTF8.GetBytes(smaller);
        var largerBytes = System.Text.Encoding.UTF8.GetBytes(larger);

        Assert.True(smallerBytes.AsSpan().SequenceCompareTo(largerBytes) < 0);
        Assert.True(Utf8ByteOrder.Instance.Compare(smaller, larger) < 0);
        Assert.True(Utf8ByteOrder.Instance.Compare(larger, smaller) > 0);
        Assert.Equal(0, Utf8ByteOrder.Instance.Compare(smaller, smaller));
    }

    [Theory]
    [InlineData("/pub/", "/pub0")]
    [InlineData("/pub/my_", "/pub/my`")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\U0010FFFF", "b")]
    public void A_prefix_ends_at_its_last_character_raised_by_one(string prefix, string end)
    {
        Assert.Equal(end, Utf8ByteOrder.PrefixEnd(prefix));
    }

    [Fact]
    public void A_prefix_of_only_the_largest_code_point_has_no_end()
    {
        Assert.Null(Utf8ByteOrder.PrefixEnd("\U0010FFFF"));
    }

    [Theory]
    [InlineData("/pub/", "/pub/a/b.txt", "/pub/a/")]
    [InlineData("/pub/", "/pub/a/", "/pub/a/")]
    [InlineData("/pub/", "/pub/a.txt", null)]
    [InlineData("/pub/", "/priv/a/b", null)]
    public void The_subdirectory_of_a_path_is_its_first_segment_with_a_slash(string directory, string path, string? child)
    {
        Assert.Equal(child, WebDavPath.SubdirectoryOf(directory, path));
    }
}
