using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>Directory listings of <see cref="IUserStore.ListAsync"/>: the reference's list_deep and list_shallow cases and their edges.</summary>
public abstract class ListingContract : StoreContract<IUserStore>
{
    /// <summary>The list_deep fixture: five files under example.com and neighbours on both sides.</summary>
    private static readonly string[] DeepFixture =
    [
        "/pub/a.com/a.txt",
        "/pub/example.com/a.txt",
        "/pub/example.com/b.txt",
        "/pub/example.com/c.txt",
        "/pub/example.com/cc-nested/z.txt",
        "/pub/example.com/d.txt",
        "/pub/example.con/d.txt",
        "/pub/example.xyz/d.txt",
        "/pub/z.com/a.txt",
    ];

    /// <summary>The list_shallow fixture, with a legacy file beside a directory of the same name.</summary>
    private static readonly string[] ShallowFixture =
    [
        "/pub/a.com/a.txt",
        "/pub/example.com/a.txt",
        "/pub/example.com/b.txt",
        "/pub/example.com/c.txt",
        "/pub/example.com/d.txt",
        "/pub/example.con",
        "/pub/example.con/d.txt",
        "/pub/example.con/e.txt",
        "/pub/file",
        "/pub/file2",
        "/pub/z.com/a.txt",
    ];

    private static readonly string[] ShallowChildren =
    [
        "/pub/a.com/",
        "/pub/example.com/",
        "/pub/example.con",
        "/pub/example.con/",
        "/pub/file",
        "/pub/file2",
        "/pub/z.com/",
    ];

    [Fact]
    public async Task A_deep_listing_returns_every_file_under_the_directory_in_byte_order()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, [.. DeepFixture.Reverse()]);

        var page = await store.ListAsync(user, Deep("/pub/example.com/"));

        Assert.Equal(
            [
                "/pub/example.com/a.txt",
                "/pub/example.com/b.txt",
                "/pub/example.com/c.txt",
                "/pub/example.com/cc-nested/z.txt",
                "/pub/example.com/d.txt",
            ],
            page);
    }

    [Fact]
    public async Task A_dash_sorts_before_a_slash()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, "/pub/example.con/d.txt", "/pub/example.con-file");

        var page = await store.ListAsync(user, Deep("/pub/"));

        Assert.Equal(["/pub/example.con-file", "/pub/example.con/d.txt"], page);
    }

    [Fact]
    public async Task Order_is_utf8_byte_order_not_utf16_order()
    {
        var store = await OpenFreshAsync();
        const string supplementary = "/pub/\U0001F600";
        const string lastBmp = "/pub/\uFFFD";
        var user = await SeedAsync(store, supplementary, lastBmp);

        var page = await store.ListAsync(user, Deep("/pub/"));

        Assert.Equal([lastBmp, supplementary], page);
    }

    [Fact]
    public async Task A_deep_listing_stops_at_the_limit()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        var page = await store.ListAsync(user, Deep("/pub/example.com/", limit: 2));

        Assert.Equal(["/pub/example.com/a.txt", "/pub/example.com/b.txt"], page);
    }

    [Fact]
    public async Task A_limit_of_zero_gives_an_empty_page()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        Assert.Empty(await store.ListAsync(user, Deep("/pub/", limit: 0)));
        Assert.Empty(await store.ListAsync(user, Shallow("/pub/", limit: 0)));
    }

    [Fact]
    public async Task A_deep_cursor_is_exclusive()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        var page = await store.ListAsync(user, Deep("/pub/example.com/", "/pub/example.com/a.txt", limit: 2));

        Assert.Equal(["/pub/example.com/b.txt", "/pub/example.com/c.txt"], page);
    }

    [Fact]
    public async Task A_reverse_deep_listing_goes_backwards_from_the_cursor()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        var all = await store.ListAsync(user, Deep("/pub/example.com/", reverse: true));
        var fromCursor = await store.ListAsync(user, Deep("/pub/example.com/", "/pub/example.com/c.txt", limit: 2, reverse: true));

        Assert.Equal(
            [
                "/pub/example.com/d.txt",
                "/pub/example.com/cc-nested/z.txt",
                "/pub/example.com/c.txt",
                "/pub/example.com/b.txt",
                "/pub/example.com/a.txt",
            ],
            all);
        Assert.Equal(["/pub/example.com/b.txt", "/pub/example.com/a.txt"], fromCursor);
    }

    [Fact]
    public async Task Underscore_and_percent_in_a_directory_are_literal()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, "/pub/my_folder/a", "/pub/myXfolder/b", "/pub/50%/c", "/pub/50x/d");

        Assert.Equal(["/pub/my_folder/a"], await store.ListAsync(user, Deep("/pub/my_folder/")));
        Assert.Equal(["/pub/50%/c"], await store.ListAsync(user, Deep("/pub/50%/")));
    }

    [Fact]
    public async Task A_cursor_outside_the_directory_is_only_a_bound()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        var fromBefore = await store.ListAsync(user, Deep("/pub/example.com/", "/pub/a.com/a.txt", limit: 1));
        var fromAfter = await store.ListAsync(user, Deep("/pub/example.com/", "/pub/z.com/a.txt"));
        var backFromAfter = await store.ListAsync(user, Deep("/pub/example.com/", "/pub/z.com/a.txt", limit: 1, reverse: true));

        Assert.Equal(["/pub/example.com/a.txt"], fromBefore);
        Assert.Empty(fromAfter);
        Assert.Equal(["/pub/example.com/d.txt"], backFromAfter);
    }

    [Fact]
    public async Task A_listing_shows_only_its_users_entries()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, "/pub/mine.txt");
        await SeedAsync(store, "/pub/theirs.txt");

        Assert.Equal(["/pub/mine.txt"], await store.ListAsync(user, Deep("/pub/")));
    }

    [Fact]
    public async Task A_shallow_listing_returns_the_immediate_children()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var page = await store.ListAsync(user, Shallow("/pub/"));

        Assert.Equal(ShallowChildren, page);
    }

    [Fact]
    public async Task A_shallow_listing_pages_with_limit_and_cursor()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var first = await store.ListAsync(user, Shallow("/pub/", limit: 3));
        var second = await store.ListAsync(user, Shallow("/pub/", first[^1], limit: 3));
        var third = await store.ListAsync(user, Shallow("/pub/", second[^1], limit: 3));

        Assert.Equal(ShallowChildren[..3], first);
        Assert.Equal(ShallowChildren[3..6], second);
        Assert.Equal(ShallowChildren[6..], third);
    }

    [Fact]
    public async Task A_directory_cursor_and_a_cursor_inside_it_give_the_same_shallow_page()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var afterDirectory = await store.ListAsync(user, Shallow("/pub/", "/pub/example.com/", limit: 2));
        var afterFileInside = await store.ListAsync(user, Shallow("/pub/", "/pub/example.com/a.txt", limit: 2));

        Assert.Equal(["/pub/example.con", "/pub/example.con/"], afterDirectory);
        Assert.Equal(afterDirectory, afterFileInside);
    }

    [Fact]
    public async Task A_file_cursor_is_followed_by_the_directory_of_the_same_name()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var page = await store.ListAsync(user, Shallow("/pub/", "/pub/example.con", limit: 1));

        Assert.Equal(["/pub/example.con/"], page);
    }

    [Fact]
    public async Task A_reverse_shallow_listing_is_the_exact_reverse()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var page = await store.ListAsync(user, Shallow("/pub/", reverse: true));

        Assert.Equal(ShallowChildren.Reverse(), page);
    }

    [Fact]
    public async Task A_reverse_shallow_listing_from_inside_a_directory_continues_before_it()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, ShallowFixture);

        var fromDirectory = await store.ListAsync(user, Shallow("/pub/", "/pub/example.con/", limit: 2, reverse: true));
        var fromInside = await store.ListAsync(user, Shallow("/pub/", "/pub/example.con/e.txt", limit: 2, reverse: true));

        Assert.Equal(["/pub/example.con", "/pub/example.com/"], fromDirectory);
        Assert.Equal(fromDirectory, fromInside);
    }

    [Fact]
    public async Task A_shallow_listing_of_a_subdirectory_names_nested_directories()
    {
        var store = await OpenFreshAsync();
        var user = await SeedAsync(store, DeepFixture);

        var page = await store.ListAsync(user, Shallow("/pub/example.com/"));

        Assert.Equal(
            [
                "/pub/example.com/a.txt",
                "/pub/example.com/b.txt",
                "/pub/example.com/c.txt",
                "/pub/example.com/cc-nested/",
                "/pub/example.com/d.txt",
            ],
            page);
    }

    private static ListQuery Deep(string directory, string? cursor = null, int limit = 100, bool reverse = false) =>
        new(P(directory), cursor, limit, reverse, Shallow: false);

    private static ListQuery Shallow(string directory, string? cursor = null, int limit = 100, bool reverse = false) =>
        new(P(directory), cursor, limit, reverse, Shallow: true);
}
