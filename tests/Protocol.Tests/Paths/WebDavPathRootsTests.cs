using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>The public and private roots, <c>/pub/</c> and <c>/priv/</c>.</summary>
public class WebDavPathRootsTests
{
    [Fact]
    public void File_under_pub_is_public() => Assert.True(WebDavPath.Parse("/pub/a.txt").IsPublic);

    [Fact]
    public void Pub_alone_is_not_under_pub() => Assert.False(WebDavPath.Parse("/pub").IsPublic);

    [Fact]
    public void Pub_directory_itself_counts_as_public() => Assert.True(WebDavPath.Parse("/pub/").IsPublic);

    [Fact]
    public void Pub_lookalike_is_not_public() => Assert.False(WebDavPath.Parse("/public/a").IsPublic);

    [Fact]
    public void File_under_priv_is_private() => Assert.True(WebDavPath.Parse("/priv/notes.txt").IsPrivate);

    [Fact]
    public void Priv_alone_is_not_under_priv() => Assert.False(WebDavPath.Parse("/priv").IsPrivate);

    [Fact]
    public void Private_file_is_not_public() => Assert.False(WebDavPath.Parse("/priv/a").IsPublic);

    [Fact]
    public void Dot_dot_can_leave_pub_for_another_root()
    {
        var path = WebDavPath.Parse("/pub/../priv/a");
        Assert.True(path.IsPrivate);
        Assert.False(path.IsPublic);
    }

    [Fact]
    public void Root_constants_have_their_spelling()
    {
        Assert.Equal("/", WebDavPath.Root.Value);
        Assert.Equal("/pub/", WebDavPath.PublicRoot.Value);
        Assert.Equal("/priv/", WebDavPath.PrivateRoot.Value);
    }

    [Fact]
    public void Parsing_a_root_spelling_gives_the_root_constant() => Assert.Equal(WebDavPath.PublicRoot, WebDavPath.Parse("/pub//"));
}
