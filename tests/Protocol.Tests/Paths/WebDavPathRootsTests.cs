using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>The public and private roots, <c>/pub/</c> and <c>/priv/</c>.</summary>
public class WebDavPathRootsTests
{
    [Fact]
    public void FileUnderPubIsPublic() => Assert.True(WebDavPath.Parse("/pub/a.txt").IsPublic);

    [Fact]
    public void PubAloneIsNotUnderPub() => Assert.False(WebDavPath.Parse("/pub").IsPublic);

    [Fact]
    public void PubDirectoryItselfCountsAsPublic() => Assert.True(WebDavPath.Parse("/pub/").IsPublic);

    [Fact]
    public void PubLookalikeIsNotPublic() => Assert.False(WebDavPath.Parse("/public/a").IsPublic);

    [Fact]
    public void FileUnderPrivIsPrivate() => Assert.True(WebDavPath.Parse("/priv/notes.txt").IsPrivate);

    [Fact]
    public void PrivAloneIsNotUnderPriv() => Assert.False(WebDavPath.Parse("/priv").IsPrivate);

    [Fact]
    public void PrivateFileIsNotPublic() => Assert.False(WebDavPath.Parse("/priv/a").IsPublic);

    [Fact]
    public void DotDotCanLeavePubForAnotherRoot()
    {
        var path = WebDavPath.Parse("/pub/../priv/a");
        Assert.True(path.IsPrivate);
        Assert.False(path.IsPublic);
    }

    [Fact]
    public void RootConstantsHaveTheirSpelling()
    {
        Assert.Equal("/", WebDavPath.Root.Value);
        Assert.Equal("/pub/", WebDavPath.PublicRoot.Value);
        Assert.Equal("/priv/", WebDavPath.PrivateRoot.Value);
    }

    [Fact]
    public void ParsingARootSpellingGivesTheRootConstant() => Assert.Equal(WebDavPath.PublicRoot, WebDavPath.Parse("/pub//"));
}
