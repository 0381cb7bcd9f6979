using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>Listing cursors: <c>&lt;z32&gt;/&lt;path&gt;</c>, optionally behind <c>pubky://</c>.</summary>
public class EntryPathTests
{
    private const string User = Vectors.ZeroSecretZ32;

    [Fact]
    public void Key_is_the_z32_followed_by_the_path() =>
        Assert.Equal(User + "/pub/folder/file.txt", EntryPath.Parse(User + "/pub/folder/file.txt").Key);

    [Fact]
    public void Bare_entry_path_cursor_parses()
    {
        var entry = EntryPath.Parse(User + "/pub/dir/a.txt");
        Assert.Equal(User, entry.Owner.Z32);
        Assert.Equal("/pub/dir/a.txt", entry.Path.Value);
    }

    [Fact]
    public void Pubky_scheme_cursor_parses_to_the_same_entry() =>
        Assert.Equal(EntryPath.Parse(User + "/pub/dir/a.txt"), EntryPath.Parse("pubky://" + User + "/pub/dir/a.txt"));

    [Fact]
    public void Bare_path_cursor_is_rejected() =>
        Assert.Equal("Invalid cursor", Assert.Throws<InvalidCursorException>(() => EntryPath.Parse("/pub/a.txt")).Message);

    [Fact]
    public void Bare_file_name_cursor_is_rejected() => Assert.False(EntryPath.TryParse("a.txt", out _));

    [Fact]
    public void Display_form_key_is_rejected() => Assert.False(EntryPath.TryParse("pubky" + User + "/pub/a.txt", out _));

    [Fact]
    public void Directory_cursor_from_a_shallow_listing_parses() => Assert.True(EntryPath.Parse(User + "/pub/dir/").Path.IsDirectory);

    [Fact]
    public void Private_cursor_parses() => Assert.True(EntryPath.Parse(User + "/priv/a").Path.IsPrivate);

    [Fact]
    public void Cursor_outside_the_data_roots_is_rejected() => Assert.False(EntryPath.TryParse(User + "/pub", out _));

    [Fact]
    public void Cursor_path_is_normalized() => Assert.Equal("/pub/b", EntryPath.Parse(User + "/pub/a/../b").Path.Value);

    [Fact]
    public void Cursor_with_an_invalid_path_is_rejected() => Assert.False(EntryPath.TryParse(User + "/pub/a\0", out _));

    [Fact]
    public void Cursor_with_an_invalid_key_is_rejected() => Assert.False(EntryPath.TryParse(User[..51] + "/pub/a", out _));

    [Fact]
    public void Cursor_without_a_path_is_rejected() => Assert.False(EntryPath.TryParse(User, out _));

    [Fact]
    public void Empty_cursor_is_rejected() => Assert.False(EntryPath.TryParse("", out _));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Format_then_parse_gives_the_entry_back(PublicKey owner, WebDavPath path)
    {
        var entry = new EntryPath(owner, path);
        return EntryPath.Parse(entry.Key).Equals(entry) && EntryPath.Parse("pubky://" + entry.Key).Equals(entry);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => EntryPath.Parse(text));
}
