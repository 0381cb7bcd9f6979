using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Paths;

/// <summary>Listing cursors: <c>&lt;z32&gt;/&lt;path&gt;</c>, optionally behind <c>pubky://</c>.</summary>
public class EntryPathTests
{
    private const string User = Vectors.ZeroSecretZ32;

    [Fact]
    public void KeyIsTheZ32FollowedByThePath() =>
        Assert.Equal(User + "/pub/folder/file.txt", EntryPath.Parse(User + "/pub/folder/file.txt").Key);

    [Fact]
    public void BareEntryPathCursorParses()
    {
        var entry = EntryPath.Parse(User + "/pub/dir/a.txt");
        Assert.Equal(User, entry.Owner.Z32);
        Assert.Equal("/pub/dir/a.txt", entry.Path.Value);
    }

    [Fact]
    public void PubkySchemeCursorParsesToTheSameEntry() =>
        Assert.Equal(EntryPath.Parse(User + "/pub/dir/a.txt"), EntryPath.Parse("pubky://" + User + "/pub/dir/a.txt"));

    [Fact]
    public void BarePathCursorIsRejected() =>
        Assert.Equal("Invalid cursor", Assert.Throws<InvalidCursorException>(() => EntryPath.Parse("/pub/a.txt")).Message);

    [Fact]
    public void BareFileNameCursorIsRejected() => Assert.False(EntryPath.TryParse("a.txt", out _));

    [Fact]
    public void DisplayFormKeyIsRejected() => Assert.False(EntryPath.TryParse("pubky" + User + "/pub/a.txt", out _));

    [Fact]
    public void DirectoryCursorFromAShallowListingParses() => Assert.True(EntryPath.Parse(User + "/pub/dir/").Path.IsDirectory);

    [Fact]
    public void PrivateCursorParses() => Assert.True(EntryPath.Parse(User + "/priv/a").Path.IsPrivate);

    [Fact]
    public void CursorOutsideTheDataRootsIsRejected() => Assert.False(EntryPath.TryParse(User + "/pub", out _));

    [Fact]
    public void CursorPathIsNormalized() => Assert.Equal("/pub/b", EntryPath.Parse(User + "/pub/a/../b").Path.Value);

    [Fact]
    public void CursorWithAnInvalidPathIsRejected() => Assert.False(EntryPath.TryParse(User + "/pub/a\0", out _));

    [Fact]
    public void CursorWithAnInvalidKeyIsRejected() => Assert.False(EntryPath.TryParse(User[..51] + "/pub/a", out _));

    [Fact]
    public void CursorWithoutAPathIsRejected() => Assert.False(EntryPath.TryParse(User, out _));

    [Fact]
    public void EmptyCursorIsRejected() => Assert.False(EntryPath.TryParse("", out _));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool FormatThenParseGivesTheEntryBack(PublicKey owner, WebDavPath path)
    {
        var entry = new EntryPath(owner, path);
        return EntryPath.Parse(entry.Key).Equals(entry) && EntryPath.Parse("pubky://" + entry.Key).Equals(entry);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool GarbageIsRejectedOnlyWithAFormatException(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => EntryPath.Parse(text));
}
