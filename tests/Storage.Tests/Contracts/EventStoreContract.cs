using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>What every <see cref="IEventStore"/> must do with the events <see cref="IUserStore.CommitAsync"/> appends.</summary>
public abstract class EventStoreContract : StoreContract<UsersAndEvents>
{
    [Fact]
    public async Task Each_commit_appends_one_event_with_the_next_id()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;

        var committed = new List<EventRecord>();
        for (var i = 0; i < 10; i++)
        {
            committed.Add(await PutAsync(users, user, $"/pub/{i % 3}"));
        }

        var feed = await events.ReadFeedAsync(0, 100, "");
        Assert.Equal(committed.Select(e => e.Id), feed.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => committed[0].Id + i), feed.Select(e => e.Id));
    }

    [Fact]
    public async Task A_put_event_carries_the_hash_and_a_delete_event_none()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        var put = await PutAsync(users, user, "/pub/a.txt", 5);
        var deleted = await DeleteAsync(users, user, "/pub/a.txt");

        var feed = await events.ReadFeedAsync(0, 100, "");

        Assert.False(feed[0].IsDelete);
        Assert.Equal(HashOf("/pub/a.txt", 5), feed[0].ContentHash);
        Assert.True(feed[1].IsDelete);
        Assert.Null(feed[1].ContentHash);
        Assert.Equal([put.Id, deleted.Id], feed.Select(e => e.Id));
    }

    [Fact]
    public async Task The_feed_returns_the_events_as_commit_returned_them()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        var put = await PutAsync(users, user, "/pub/a.txt", 5);

        var read = Assert.Single(await events.ReadFeedAsync(0, 100, ""));

        Assert.Equal(put with { ContentHash = read.ContentHash }, read);
        Assert.Equal(put.ContentHash, read.ContentHash);
        Assert.Equal(user, read.User);
    }

    [Fact]
    public async Task A_conflicting_commit_appends_no_event()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a.txt");

        await Assert.ThrowsAsync<StoreConflictException>(() => users.CommitAsync(
            new EntryChange(user, P("/pub/a.txt"), "not-the-blob", null, -10, -1, TestClock.Next())));
        var next = await PutAsync(users, user, "/pub/b.txt");

        var feed = await events.ReadFeedAsync(0, 100, "");
        Assert.Equal(2, feed.Count);
        Assert.Equal(feed[0].Id + 1, next.Id);
    }

    [Fact]
    public async Task The_feed_pages_by_cursor()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        for (var i = 0; i < 10; i++)
        {
            await PutAsync(users, user, $"/pub/{i}");
            await DeleteAsync(users, user, $"/pub/{i}");
        }

        var first = await events.ReadFeedAsync(0, 10, "");
        var second = await events.ReadFeedAsync(first[^1].Id, 10, "");
        var third = await events.ReadFeedAsync(second[^1].Id, 10, "");

        Assert.Equal(10, first.Count);
        Assert.Equal(10, second.Count);
        Assert.Empty(third);
        Assert.True(second[0].Id > first[^1].Id);
        Assert.Equal("/pub/5", second[0].Path);
    }

    [Fact]
    public async Task The_feed_prefix_excludes_other_trees()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a");
        await PutAsync(users, user, "/priv/secret");
        await PutAsync(users, user, "/pubx/b");

        var feed = await events.ReadFeedAsync(0, 100, "/pub/");

        Assert.Equal(["/pub/a"], feed.Select(e => e.Path));
    }

    [Fact]
    public async Task The_feed_prefix_is_literal()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/my_folder/a");
        await PutAsync(users, user, "/pub/myXfolder/b");

        var feed = await events.ReadFeedAsync(0, 100, "/pub/my_");

        Assert.Equal(["/pub/my_folder/a"], feed.Select(e => e.Path));
    }

    [Fact]
    public async Task Concurrent_commits_of_many_users_get_gapless_distinct_ids()
    {
        var (users, events) = await OpenFreshAsync();
        var writers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            writers.Add((await CreateUserAsync(users)).User);
        }

        var committed = await Task.WhenAll(writers.Select(async user =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 10; i++)
            {
                ids.Add((await PutAsync(users, user, $"/pub/{i}")).Id);
            }

            return ids;
        }));

        var all = committed.SelectMany(ids => ids).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 80).Select(i => all[0] + i), all);
        Assert.All(committed, ids => Assert.Equal(ids.Order(), ids));
        Assert.Equal(all, (await events.ReadFeedAsync(0, 1000, "")).Select(e => e.Id));
    }

    [Fact]
    public async Task A_user_query_returns_only_the_requested_users()
    {
        var (users, events) = await OpenFreshAsync();
        var a = (await CreateUserAsync(users)).User;
        var b = (await CreateUserAsync(users)).User;
        var c = (await CreateUserAsync(users)).User;
        foreach (var user in new[] { a, b, c, a, b, c })
        {
            await PutAsync(users, user, "/pub/x");
        }

        var page = await events.ReadUsersAsync(Query(new() { [a] = null, [b] = null }));

        Assert.Equal([a, b, a, b], page.Select(e => e.User));
        Assert.Equal(page.Select(e => e.Id).Order(), page.Select(e => e.Id));
    }

    [Fact]
    public async Task Per_user_cursors_resume_each_user_independently()
    {
        var (users, events) = await OpenFreshAsync();
        var a = (await CreateUserAsync(users)).User;
        var b = (await CreateUserAsync(users)).User;
        var aEvents = new List<EventRecord>();
        var bEvents = new List<EventRecord>();
        for (var i = 0; i < 3; i++)
        {
            aEvents.Add(await PutAsync(users, a, $"/pub/{i}"));
            bEvents.Add(await PutAsync(users, b, $"/pub/{i}"));
        }

        var page = await events.ReadUsersAsync(Query(new() { [a] = aEvents[1].Id, [b] = bEvents[0].Id }));

        Assert.Equal([bEvents[1].Id, aEvents[2].Id, bEvents[2].Id], page.Select(e => e.Id));
    }

    [Fact]
    public async Task A_directory_filter_matches_paths_under_it_and_an_exact_filter_only_its_path()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/files/a");
        await PutAsync(users, user, "/pub/files/deep/b");
        await PutAsync(users, user, "/pub/test.txt");
        await PutAsync(users, user, "/pub/test.txt.bak");
        await PutAsync(users, user, "/pub/other/c");

        var directory = await events.ReadUsersAsync(Query(new() { [user] = null }, ["/pub/files/"]));
        var exact = await events.ReadUsersAsync(Query(new() { [user] = null }, ["/pub/test.txt"]));
        var union = await events.ReadUsersAsync(Query(new() { [user] = null }, ["/pub/files/", "/pub/test.txt"]));

        Assert.Equal(["/pub/files/a", "/pub/files/deep/b"], directory.Select(e => e.Path));
        Assert.Equal(["/pub/test.txt"], exact.Select(e => e.Path));
        Assert.Equal(["/pub/files/a", "/pub/files/deep/b", "/pub/test.txt"], union.Select(e => e.Path));
    }

    [Fact]
    public async Task An_underscore_in_a_filter_is_literal()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/my_folder/a");
        await PutAsync(users, user, "/pub/myfolder/b");
        await PutAsync(users, user, "/pub/myXfolder/c");

        var page = await events.ReadUsersAsync(Query(new() { [user] = null }, ["/pub/my_folder/"]));

        Assert.Equal(["/pub/my_folder/a"], page.Select(e => e.Path));
    }

    [Fact]
    public async Task A_reverse_user_query_is_the_exact_reverse()
    {
        var (users, events) = await OpenFreshAsync();
        var a = (await CreateUserAsync(users)).User;
        var b = (await CreateUserAsync(users)).User;
        for (var i = 0; i < 4; i++)
        {
            await PutAsync(users, i % 2 == 0 ? a : b, $"/pub/{i}");
        }

        var forward = await events.ReadUsersAsync(Query(new() { [a] = null, [b] = null }));
        var backward = await events.ReadUsersAsync(Query(new() { [a] = null, [b] = null }, reverse: true));

        Assert.Equal(forward.Select(e => e.Id).Reverse(), backward.Select(e => e.Id));
    }

    [Fact]
    public async Task A_reverse_cursor_returns_events_before_it()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        var written = new List<EventRecord>();
        for (var i = 0; i < 5; i++)
        {
            written.Add(await PutAsync(users, user, $"/pub/{i}"));
        }

        var page = await events.ReadUsersAsync(Query(new() { [user] = written[3].Id }, reverse: true, limit: 2));

        Assert.Equal([written[2].Id, written[1].Id], page.Select(e => e.Id));
    }

    [Fact]
    public async Task A_user_query_stops_at_the_limit_across_users()
    {
        var (users, events) = await OpenFreshAsync();
        var a = (await CreateUserAsync(users)).User;
        var b = (await CreateUserAsync(users)).User;
        var written = new List<EventRecord>();
        for (var i = 0; i < 6; i++)
        {
            written.Add(await PutAsync(users, i % 2 == 0 ? a : b, $"/pub/{i}"));
        }

        var page = await events.ReadUsersAsync(Query(new() { [a] = null, [b] = null }, limit: 3));

        Assert.Equal(written.Take(3).Select(e => e.Id), page.Select(e => e.Id));
    }

    [Fact]
    public async Task An_event_is_found_by_its_exact_time()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a");
        var second = await PutAsync(users, user, "/pub/b");

        Assert.Equal(second.Id, await events.FindEventIdAtAsync(second.CreatedAtMicros));
        Assert.Null(await events.FindEventIdAtAsync(second.CreatedAtMicros + 1));
    }

    [Fact]
    public async Task Events_survive_closing_and_reopening_the_store()
    {
        var name = NewName();
        var (users, _) = await OpenNamedAsync(name);
        var user = (await CreateUserAsync(users)).User;
        var put = await PutAsync(users, user, "/pub/a");
        await CloseAllAsync();

        var (_, events) = await OpenNamedAsync(name);

        Assert.Equal([put.Id], (await events.ReadFeedAsync(0, 10, "")).Select(e => e.Id));
    }

    [Fact]
    public async Task The_log_read_forwards_gives_every_users_events_after_the_cursor_private_ones_included()
    {
        var (users, events) = await OpenFreshAsync();
        var a = (await CreateUserAsync(users)).User;
        var b = (await CreateUserAsync(users)).User;
        var first = await PutAsync(users, a, "/pub/a");
        var secret = await PutAsync(users, b, "/priv/app/secret");
        var deleted = await DeleteAsync(users, a, "/pub/a");

        var all = await events.ReadLogAsync(new LogQuery(null, [], false, 100));
        var after = await events.ReadLogAsync(new LogQuery(first.Id, [], false, 100));

        Assert.Equal([first.Id, secret.Id, deleted.Id], all.Select(e => e.Id));
        Assert.Equal([b, a], after.Select(e => e.User));
        Assert.Equal(["/priv/app/secret", "/pub/a"], after.Select(e => e.Path));
    }

    [Fact]
    public async Task The_log_read_in_reverse_gives_the_newest_first_before_the_cursor_up_to_the_limit()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        var written = new List<EventRecord>();
        for (var i = 0; i < 5; i++)
        {
            written.Add(await PutAsync(users, user, $"/pub/{i}"));
        }

        var newest = await events.ReadLogAsync(new LogQuery(null, [], true, 2));
        var beforeFourth = await events.ReadLogAsync(new LogQuery(written[3].Id, [], true, 100));

        Assert.Equal([written[4].Id, written[3].Id], newest.Select(e => e.Id));
        Assert.Equal([written[2].Id, written[1].Id, written[0].Id], beforeFourth.Select(e => e.Id));
    }

    [Fact]
    public async Task The_log_read_applies_directory_and_exact_filters_as_a_union_in_both_directions()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        await PutAsync(users, user, "/pub/a.txt");
        await PutAsync(users, user, "/pub/b.txt");
        await PutAsync(users, user, "/priv/x/y");
        await PutAsync(users, user, "/pub/a.txt.bak");

        var forward = await events.ReadLogAsync(new LogQuery(null, ["/pub/a.txt", "/priv/"], false, 100));
        var backward = await events.ReadLogAsync(new LogQuery(null, ["/pub/a.txt", "/priv/"], true, 100));

        Assert.Equal(["/pub/a.txt", "/priv/x/y"], forward.Select(e => e.Path));
        Assert.Equal(["/priv/x/y", "/pub/a.txt"], backward.Select(e => e.Path));
    }

    [Fact]
    public async Task The_log_read_in_reverse_finds_a_match_far_below_the_newest_events()
    {
        var (users, events) = await OpenFreshAsync();
        var user = (await CreateUserAsync(users)).User;
        var oldest = await PutAsync(users, user, "/priv/old");
        for (var i = 0; i < 250; i++)
        {
            await PutAsync(users, user, $"/pub/{i}");
        }

        var found = await events.ReadLogAsync(new LogQuery(null, ["/priv/"], true, 10));

        Assert.Equal([oldest.Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task The_log_read_of_an_empty_log_is_empty_in_both_directions()
    {
        var (_, events) = await OpenFreshAsync();

        Assert.Empty(await events.ReadLogAsync(new LogQuery(null, [], false, 10)));
        Assert.Empty(await events.ReadLogAsync(new LogQuery(null, [], true, 10)));
    }

    private static EventQuery Query(
        Dictionary<string, long?> cursors, IReadOnlyList<string>? filters = null, bool reverse = false, int limit = 100) =>
        new(cursors, filters ?? [], reverse, limit);
}
