using Pubky.Protocol.Capabilities;

namespace Pubky.Protocol.Tests.Capabilities;

public class CapabilityListTests
{
    [Fact]
    public void ACommaSeparatedListParsesInOrder() =>
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", CapabilityList.Parse("/pub/app/:rw,/pub/foo.txt:r").ToString());

    [Fact]
    public void InvalidItemsAreSilentlyDropped() =>
        Assert.Equal("/pub/a/:rw,/pub/c:r", CapabilityList.Parse("/pub/a/:rw,bad,/pub/b:x,,/pub/c:r").ToString());

    [Fact]
    public void AnEmptyStringIsAnEmptyList()
    {
        Assert.Empty(CapabilityList.Parse(""));
        Assert.Empty(CapabilityList.Parse(null));
        Assert.Equal("", CapabilityList.Empty.ToString());
    }

    [Fact]
    public void DuplicateScopesMergeTheirActionsIntoTheFirstPlace() =>
        Assert.Equal("/pub/a/:rw,/pub/b:r", CapabilityList.Parse("/pub/a/:r,/pub/b:r,/pub/a/:w").ToString());

    [Fact]
    public void AnItemCoveredByAParentDirectoryWithMoreActionsIsRemoved() =>
        Assert.Equal("/pub/app/:rw", CapabilityList.Parse("/pub/app/:rw,/pub/app/data/:r,/pub/app/file:w").ToString());

    [Fact]
    public void AnItemIsKeptWhenItsParentLacksOneOfItsActions() =>
        Assert.Equal("/pub/app/:r,/pub/app/data/:rw", CapabilityList.Parse("/pub/app/:r,/pub/app/data/:rw").ToString());

    [Fact]
    public void AParentWithoutTrailingSlashDoesNotCoverAnything() =>
        Assert.Equal("/pub/app:rw,/pub/app.txt:r", CapabilityList.Parse("/pub/app:rw,/pub/app.txt:r").ToString());

    [Fact]
    public void RootSubsumesEverythingElse() =>
        Assert.Equal("/:rw", CapabilityList.Parse("/pub/a/:rw,/:rw,/priv/x:r").ToString());

    [Fact]
    public void MergingTwoListsSanitisesTheResult() =>
        Assert.Equal("/pub/a/:rw", CapabilityList.Parse("/pub/a/:r").Merge(CapabilityList.Parse("/pub/a/:w,/pub/a/b:w")).ToString());

    [Fact]
    public void WriteNeedsAWriteCapabilityThatCoversThePath()
    {
        var caps = CapabilityList.Parse("/pub/pubky.app/:rw,/pub/foo.bar/file:r");
        Assert.True(caps.CanWrite("/pub/pubky.app/foo"));
        Assert.False(caps.CanWrite("/pub/pubky.app"));
        Assert.False(caps.CanWrite("/pub/foo.bar/file"));
        Assert.True(caps.CanRead("/pub/foo.bar/file"));
    }

    [Fact]
    public void TheRootListIsRoot()
    {
        Assert.True(CapabilityList.Root.IsRoot);
        Assert.False(CapabilityList.Parse("/pub/:rw").IsRoot);
    }

    [FsCheck.Xunit.Property]
    public bool FormattingThenParsingGivesTheSameList(string text)
    {
        var list = CapabilityList.Parse(text);
        return CapabilityList.Parse(list.ToString()).Equals(list);
    }

    [FsCheck.Xunit.Property]
    public bool SanitisingIsIdempotent(string text)
    {
        var list = CapabilityList.Parse(text);
        return CapabilityList.From(list).Equals(list);
    }
}
