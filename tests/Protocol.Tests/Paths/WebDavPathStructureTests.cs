using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>Parent/segment helpers used by listings and the file/folder collision check of writes.</summary>
public class WebDavPathStructureTests
{
    private static WebDavPath P(string text) => WebDavPath.Parse(text);

    [Fact]
    public void Segments_are_the_names_between_slashes() => Assert.Equal(["pub", "a", "b.txt"], P("/pub/a/b.txt").Segments);

    [Fact]
    public void Root_has_no_segments() => Assert.Empty(WebDavPath.Root.Segments);

    [Fact]
    public void Name_of_a_file_is_its_last_segment() => Assert.Equal("b.txt", P("/pub/a/b.txt").Name);

    [Fact]
    public void Name_of_a_directory_has_no_slash() => Assert.Equal("a", P("/pub/a/").Name);

    [Fact]
    public void Parent_of_a_file_is_its_directory() => Assert.Equal(P("/pub/a/"), P("/pub/a/b.txt").Parent);

    [Fact]
    public void Parent_of_a_directory_is_the_enclosing_directory() => Assert.Equal(P("/pub/"), P("/pub/a/").Parent);

    [Fact]
    public void Parent_of_a_top_level_entry_is_the_root() => Assert.Equal(WebDavPath.Root, P("/pub").Parent);

    [Fact]
    public void Root_has_no_parent() => Assert.Null(WebDavPath.Root.Parent);

    [Fact]
    public void File_is_inside_its_directory() => Assert.True(P("/pub/a/b").IsInside(P("/pub/")));

    [Fact]
    public void Directory_is_not_inside_itself() => Assert.False(P("/pub/").IsInside(P("/pub/")));

    [Fact]
    public void Is_inside_needs_a_directory() => Assert.False(P("/pub/a.txt").IsInside(P("/pub/a")));

    [Fact]
    public void Sibling_with_a_common_prefix_is_not_inside() => Assert.False(P("/pub/ab/c").IsInside(P("/pub/a/")));

    [Fact]
    public void Ancestor_files_are_the_file_spellings_of_each_enclosing_directory() =>
        Assert.Equal([P("/pub"), P("/pub/a"), P("/pub/a/b")], P("/pub/a/b/c.txt").AncestorFiles);

    [Fact]
    public void Ancestor_files_of_a_directory_exclude_itself() => Assert.Equal([P("/pub")], P("/pub/a/").AncestorFiles);

    [Fact]
    public void Top_level_file_has_no_ancestor_files() => Assert.Empty(P("/pub").AncestorFiles);

    [Fact]
    public void Directory_prefix_of_a_file_adds_a_slash() => Assert.Equal("/pub/a/", P("/pub/a").DirectoryPrefix);

    [Fact]
    public void Directory_prefix_of_a_directory_is_itself() => Assert.Equal("/pub/a/", P("/pub/a/").DirectoryPrefix);

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Parent_contains_the_path(WebDavPath path) => path.Parent is { } parent && path.IsInside(parent);
}
