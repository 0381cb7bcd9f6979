using Pubky.Protocol.Capabilities;

namespace Pubky.Protocol.Tests.Capabilities;

public class CapabilityTests
{
    [Theory]
    [InlineData("/:rw", "/", CapabilityActions.ReadWrite)]
    [InlineData("/pub/pubky.app/:rw", "/pub/pubky.app/", CapabilityActions.ReadWrite)]
    [InlineData("/pub/foo.bar/file:r", "/pub/foo.bar/file", CapabilityActions.Read)]
    [InlineData("/pub/x:", "/pub/x", CapabilityActions.None)]
    [InlineData("/pub/x:w", "/pub/x", CapabilityActions.Write)]
    [InlineData("/pub/x:wr", "/pub/x", CapabilityActions.ReadWrite)]
    [InlineData("/pub/x:rwrw", "/pub/x", CapabilityActions.ReadWrite)]
    public void Valid_capabilities_parse(string text, string scope, CapabilityActions actions)
    {
        Assert.True(Capability.TryParse(text, out var capability));
        Assert.Equal(new Capability(scope, actions), capability);
    }

    [Theory]
    [InlineData("/pub/x:wr", "/pub/x:rw")]
    [InlineData("/pub/x:", "/pub/x:")]
    [InlineData("/:rw", "/:rw")]
    public void Actions_are_written_sorted_and_deduplicated(string text, string written)
    {
        Assert.True(Capability.TryParse(text, out var capability));
        Assert.Equal(written, capability.ToString());
    }

    [Theory]
    [InlineData("pub/x:rw")] // scope must start with '/'
    [InlineData("/pub/x")] // no ':'
    [InlineData("/pub/x:r:w")] // two ':'
    [InlineData("/pub/x:rx")] // unknown action
    [InlineData(":rw")]
    [InlineData("")]
    public void Invalid_capabilities_do_not_parse(string text) => Assert.False(Capability.TryParse(text, out _));

    [Fact]
    public void A_scope_without_trailing_slash_covers_only_itself()
    {
        var capability = new Capability("/pub/app", CapabilityActions.ReadWrite);
        Assert.True(capability.Covers("/pub/app"));
        Assert.False(capability.Covers("/pub/app.txt"));
        Assert.False(capability.Covers("/pub/app/x"));
    }

    [Fact]
    public void A_directory_scope_covers_its_descendants_but_not_the_name_without_slash()
    {
        var capability = new Capability("/pub/pubky.app/", CapabilityActions.ReadWrite);
        Assert.True(capability.Covers("/pub/pubky.app/foo"));
        Assert.True(capability.Covers("/pub/pubky.app/a/b/c"));
        Assert.False(capability.Covers("/pub/pubky.app"));
        Assert.False(capability.Covers("/pub/pubky.apps/x"));
    }

    [Fact]
    public void The_root_scope_covers_everything()
    {
        Assert.True(Capability.Root.Covers("/pub/anything"));
        Assert.True(Capability.Root.Covers("/priv/x/y"));
    }
}
