using Pubky.Protocol.Capabilities;

namespace Pubky.Protocol.Tests.Capabilities;

public class CapabilityListTests
{
    [Fact]
    public void A_comma_separated_list_parses_in_order() =>
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", CapabilityList.Parse("/pub/app/:rw,/pub/foo.txt:r").ToString());

    [Fact]
    public void Invalid_items_are_silently_dropped() =>
        Assert.Equal("/pub/a/:rw,/pub/c:r", CapabilityList.Parse("/pub/a/:rw,bad,/pub/b:x,,/pub/c:r").ToString());

    [Fact]
    public void An_empty_string_is_an_empty_list()
    {
        Assert.Empty(CapabilityList.Parse(""));
        Assert.Empty(CapabilityList.Parse(null));
        Assert.Equal("", CapabilityList.Empty.ToString());
    }

    [Fact]
    public void Duplicate_scopes_merge_their_actions_into_the_first_place() =>
        Assert.Equal("/pub/a/:rw,/pub/b:r", CapabilityList.Parse("/pub/a/:r,/pub/b:r,/pub/a/:w").ToString());

    [Fact]
    public void An_item_covered_by_a_parent_directory_with_more_actions_is_removed() =>
        Assert.Equal("/pub/app/:rw", CapabilityList.Parse("/pub/app/:rw,/pub/app/data/:r,/pub/app/file:w").ToString());

    [Fact]
    public void An_item_is_kept_when_its_parent_lacks_one_of_its_actions() =>
        Assert.Equal("/pub/app/:r,/pub/app/data/:rw", CapabilityList.Parse("/pub/app/:r,/pub/app/data/:rw").ToString());

    [Fact]
    public void A_parent_without_trailing_slash_does_not_cover_anything() =>
        Assert.Equal("/pub/app:rw,/pub/app.txt:r", CapabilityList.Parse("/pub/app:rw,/pub/app.txt:r").ToString());

    [Fact]
    public void Root_subsumes_everything_else() =>
        Assert.Equal("/:rw", CapabilityList.Parse("/pub/a/:rw,/:rw,/priv/x:r").ToString());

    [Fact]
    public void Merging_two_lists_sanitises_the_result() =>
        Assert.Equal("/pub/a/:rw", CapabilityList.Parse("/pub/a/:r").Merge(CapabilityList.Parse("/pub/a/:w,/pub/a/b:w")).ToString());

    [Fact]
    public void Write_needs_a_write_capability_that_covers_the_path()
    {
        var caps = CapabilityList.Parse("/pub/pubky.app/:rw,/pub/foo.bar/file:r");
        Assert.True(caps.CanWrite("/pub/pubky.app/foo"));
        Assert.False(caps.CanWrite("/pub/pubky.app"));
        Assert.False(caps.CanWrite("/pub/foo.bar/file"));
        Assert.True(caps.CanRead("/pub/foo.bar/file"));
    }

    [Fact]
    public void The_root_list_is_root()
    {
        Assert.True(CapabilityList.Root.IsRoot);
        Assert.False(CapabilityList.Parse("/pub/:rw").IsRoot);
    }

    [FsCheck.Xunit.Property]
    public bool Formatting_then_parsing_gives_the_same_list(string text)
    {
        var list = CapabilityList.Parse(text);
        return CapabilityList.Parse(list.ToString()).Equals(list);
    }

    [FsCheck.Xunit.Property]
    public bool Sanitising_is_idempotent(string text)
    {
        var list = CapabilityList.Parse(text);
        return CapabilityList.From(list).Equals(list);
    }
}
