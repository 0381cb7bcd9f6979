using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>Parent/segment helpers used by listings and the file/folder collision check of writes.</summary>
public class WebDavPathStructureTests
{
    private static WebDavPath P(string text) => WebDavPath.Parse(text);

    [Fact]
    public void SegmentsAreTheNamesBetweenSlashes() => Assert.Equal(["pub", "a", "b.txt"], P("/pub/a/b.txt").Segments);

    [Fact]
    public void RootHasNoSegments() => Assert.Empty(WebDavPath.Root.Segments);

    [Fact]
    public void NameOfAFileIsItsLastSegment() => Assert.Equal("b.txt", P("/pub/a/b.txt").Name);

    [Fact]
    public void NameOfADirectoryHasNoSlash() => Assert.Equal("a", P("/pub/a/").Name);

    [Fact]
    public void ParentOfAFileIsItsDirectory() => Assert.Equal(P("/pub/a/"), P("/pub/a/b.txt").Parent);

    [Fact]
    public void ParentOfADirectoryIsTheEnclosingDirectory() => Assert.Equal(P("/pub/"), P("/pub/a/").Parent);

    [Fact]
    public void ParentOfATopLevelEntryIsTheRoot() => Assert.Equal(WebDavPath.Root, P("/pub").Parent);

    [Fact]
    public void RootHasNoParent() => Assert.Null(WebDavPath.Root.Parent);

    [Fact]
    public void FileIsInsideItsDirectory() => Assert.True(P("/pub/a/b").IsInside(P("/pub/")));

    [Fact]
    public void DirectoryIsNotInsideItself() => Assert.False(P("/pub/").IsInside(P("/pub/")));

    [Fact]
    public void IsInsideNeedsADirectory() => Assert.False(P("/pub/a.txt").IsInside(P("/pub/a")));

    [Fact]
    public void SiblingWithACommonPrefixIsNotInside() => Assert.False(P("/pub/ab/c").IsInside(P("/pub/a/")));

    [Fact]
    public void ShallowChildOfADirectFileIsTheFile() =>
        Assert.Equal(P("/pub/example.con"), P("/pub/example.con").ImmediateChildOf(P("/pub/")));

    [Fact]
    public void ShallowChildOfADeepFileIsItsFirstDirectoryWithASlash() =>
        Assert.Equal(P("/pub/example.con/"), P("/pub/example.con/d/e.txt").ImmediateChildOf(P("/pub/")));

    [Fact]
    public void ShallowChildOfADirectSubdirectoryIsThatDirectory() =>
        Assert.Equal(P("/pub/a/"), P("/pub/a/").ImmediateChildOf(P("/pub/")));

    [Fact]
    public void ShallowChildOfAnOutsidePathIsNull() => Assert.Null(P("/priv/a").ImmediateChildOf(P("/pub/")));

    [Fact]
    public void AncestorFilesAreTheFileSpellingsOfEachEnclosingDirectory() =>
        Assert.Equal([P("/pub"), P("/pub/a"), P("/pub/a/b")], P("/pub/a/b/c.txt").AncestorFiles);

    [Fact]
    public void AncestorFilesOfADirectoryExcludeItself() => Assert.Equal([P("/pub")], P("/pub/a/").AncestorFiles);

    [Fact]
    public void TopLevelFileHasNoAncestorFiles() => Assert.Empty(P("/pub").AncestorFiles);

    [Fact]
    public void DirectoryPrefixOfAFileAddsASlash() => Assert.Equal("/pub/a/", P("/pub/a").DirectoryPrefix);

    [Fact]
    public void DirectoryPrefixOfADirectoryIsItself() => Assert.Equal("/pub/a/", P("/pub/a/").DirectoryPrefix);

    [Fact]
    public void WritingBelowAnExistingFileCollides() => Assert.True(P("/pub/a/b").CollidesWith(P("/pub/a")));

    [Fact]
    public void WritingAFileWhereADirectoryExistsCollides() => Assert.True(P("/pub/a").CollidesWith(P("/pub/a/x/y")));

    [Fact]
    public void FileCollidesWithTheDirectoryOfTheSameName() => Assert.True(P("/pub/a").CollidesWith(P("/pub/a/")));

    [Fact]
    public void PathDoesNotCollideWithItself() => Assert.False(P("/pub/a").CollidesWith(P("/pub/a")));

    [Fact]
    public void NamesSharingAPrefixDoNotCollide() => Assert.False(P("/pub/a").CollidesWith(P("/pub/ab/c")));

    [Fact]
    public void SiblingsDoNotCollide() => Assert.False(P("/pub/a/x").CollidesWith(P("/pub/a/y")));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool CollisionIsSymmetric(WebDavPath a, WebDavPath b) => a.CollidesWith(b) == b.CollidesWith(a);

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool FileCollidesWithEveryPathBelowItsAncestorFiles(WebDavPath path) =>
        path.AncestorFiles.All(ancestor => ancestor.CollidesWith(path));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool ParentContainsThePath(WebDavPath path) => path.Parent is { } parent && path.IsInside(parent);
}
