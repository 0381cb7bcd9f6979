using System.Collections.Concurrent;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>
/// What the Azure user store adds to the contract: several store instances (processes) on the same tables, and a
/// commit interrupted between its durable write and the publication of its event.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureCommitTests(AzuriteFixture azurite)
{
    [AzuriteFact]
    public async Task Of_two_instances_committing_over_the_same_entry_exactly_one_wins()
    {
        var name = Guid.NewGuid().ToString("N");
        var first = Open(name);
        var second = Open(name);
        var user = await SeedAsync(first, "/pub/a.txt");
        var current = (await first.GetEntryAsync(user, "/pub/a.txt"))!;

        for (var round = 0; round < 5; round++)
        {
            var outcomes = await Task.WhenAll(new[] { first, second }.Select(store => Task.Run(async () =>
            {
                var at = TestClock.Next();
                var entry = current with { BlobId = NewBlobId(user), ContentLength = 20, ModifiedAt = at };
                try
                {
                    await store.CommitAsync(new EntryChange(user, P("/pub/a.txt"), current.BlobId, entry, 20 - current.ContentLength, 0, at));
                    return true;
                }
                catch (StoreConflictException)
                {
                    return false;
                }
            })));

            Assert.Single(outcomes, won => won);
            current = (await second.GetEntryAsync(user, "/pub/a.txt"))!;
        }

        var record = (await second.GetUserAsync(user))!;
        Assert.Equal(20 + Overhead, record.UsedBytes);
        Assert.Equal(1, record.FileCount);
        Assert.Equal(6, (await second.ReadFeedAsync(0, 100, "")).Count);
    }

    [AzuriteFact]
    public async Task A_commit_interrupted_before_its_event_is_published_is_replayed_exactly_once()
    {
        var name = Guid.NewGuid().ToString("N");
        var crashed = Open(name);
        var user = (await CreateUserAsync(crashed)).User;
        var before = await PutAsync(crashed, user, "/pub/before");

        // The durable step only: the process "dies" before publishing.
        await crashed.WriteCommitAsync(NewFile(user, "/pub/interrupted"), CancellationToken.None);
        Assert.Equal([before.Id], (await crashed.ReadFeedAsync(0, 100, "")).Select(e => e.Id));

        // The next activation reads the user (twice, from two instances); the event appears once.
        var revived = Open(name);
        Assert.NotNull(await revived.GetUserAsync(user));
        Assert.NotNull(await Open(name).GetUserAsync(user));
        Assert.Equal(0, await revived.ReplayOutboxAsync(user));
        var after = await PutAsync(revived, user, "/pub/after");

        var feed = await revived.ReadFeedAsync(0, 100, "");
        Assert.Equal(["/pub/before", "/pub/interrupted", "/pub/after"], feed.Select(e => e.Path));
        Assert.Equal([before.Id, before.Id + 1, before.Id + 2], feed.Select(e => e.Id));
        Assert.Equal(after.Id, feed[^1].Id);
        var mine = await revived.ReadUsersAsync(new EventQuery(new Dictionary<string, long?> { [user] = null }, [], false, 100));
        Assert.Equal(feed.Select(e => e.Id), mine.Select(e => e.Id));
    }

    [AzuriteFact]
    public async Task A_publication_interrupted_after_the_log_write_keeps_its_id()
    {
        var name = Guid.NewGuid().ToString("N");
        var crashed = Open(name);
        var user = (await CreateUserAsync(crashed)).User;
        var (pending, _) = await crashed.WriteCommitAsync(NewFile(user, "/pub/a"), CancellationToken.None);
        var id = (await crashed.Log.AppendAsync(pending, CancellationToken.None)).Id;

        // Dies before the outbox row is completed; a concurrent replay and the next commit both see it.
        var revived = Open(name);
        var replays = await Task.WhenAll(revived.ReplayOutboxAsync(user), Open(name).ReplayOutboxAsync(user));
        var next = await PutAsync(revived, user, "/pub/b");

        Assert.InRange(replays.Sum(), 1, 2);
        var feed = await revived.ReadFeedAsync(0, 100, "");
        Assert.Equal([id, id + 1], feed.Select(e => e.Id));
        Assert.Equal(next.Id, id + 1);
        Assert.Equal(0, await revived.ReplayOutboxAsync(user));
    }

    [AzuriteFact]
    public async Task Writers_on_separate_instances_get_gapless_increasing_ids_and_the_feed_never_skips_one()
    {
        var name = Guid.NewGuid().ToString("N");
        var reader = Open(name);
        var writers = new List<(AzureUserStore Store, string User)>();
        for (var i = 0; i < 6; i++)
        {
            var store = Open(name);
            writers.Add((store, (await CreateUserAsync(store)).User));
        }

        using var done = new CancellationTokenSource();
        var violations = new ConcurrentBag<string>();
        var poller = Task.Run(async () =>
        {
            // The feed read from any cursor must be a gapless run starting right after it.
            long cursor = 0;
            for (var poll = 0; poll < 2000 && !done.IsCancellationRequested; poll++)
            {
                var page = await reader.ReadFeedAsync(cursor, 50, "");
                for (var index = 0; index < page.Count; index++)
                {
                    if (page[index].Id != cursor + 1 + index)
                    {
                        violations.Add($"after {cursor} the feed gave {string.Join(",", page.Select(e => e.Id))}");
                        break;
                    }
                }

                cursor = page.Count > 0 ? page[^1].Id : cursor;
            }
        });

        var committed = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 8; i++)
            {
                ids.Add((await PutAsync(writer.Store, writer.User, $"/pub/{i}")).Id);
            }

            return ids;
        })));
        await done.CancelAsync();
        await poller;

        Assert.Empty(violations);
        var all = committed.SelectMany(ids => ids).Order().ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
        Assert.All(committed, ids => Assert.Equal(ids.Order(), ids));
        var feed = await reader.ReadFeedAsync(0, 1000, "");
        Assert.Equal(all, feed.Select(e => e.Id));
        Assert.Equal(feed.Select(e => e.CreatedAtMicros).Order(), feed.Select(e => e.CreatedAtMicros));
        Assert.Equal(feed.Count, feed.Select(e => e.CreatedAtMicros).Distinct().Count());
    }

    [AzuriteFact]
    public async Task A_settings_update_racing_a_commit_loses_neither()
    {
        var name = Guid.NewGuid().ToString("N");
        var writer = Open(name);
        var admin = Open(name);
        var user = (await CreateUserAsync(writer)).User;

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await PutAsync(writer, user, $"/pub/{i}", 1);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    Assert.True(await admin.UpdateUserSettingsAsync(user, i % 2 == 0, new QuotaRecord(i, false, null)));
                }
            }));

        var record = (await writer.GetUserAsync(user))!;
        Assert.Equal(10 * (1 + Overhead), record.UsedBytes);
        Assert.Equal(9, record.Quota.StorageQuotaMb);
        Assert.False(record.Disabled);
    }

    [AzuriteFact]
    public async Task A_blob_is_referenced_only_while_its_entry_holds_it()
    {
        var store = Open(Guid.NewGuid().ToString("N"));
        var user = (await CreateUserAsync(store)).User;
        var first = NewBlobId(user);
        var second = NewBlobId(user);
        await PutAsync(store, user, "/pub/a", 1, first);
        await PutAsync(store, user, "/pub/a", 1, second);

        Assert.False(await store.IsBlobReferencedAsync(first));
        Assert.True(await store.IsBlobReferencedAsync(second));

        await DeleteAsync(store, user, "/pub/a");

        Assert.False(await store.IsBlobReferencedAsync(second));
    }

    [AzuriteFact]
    public async Task A_path_too_long_for_a_table_key_is_refused_before_anything_is_written()
    {
        var store = Open(Guid.NewGuid().ToString("N"));
        var user = (await CreateUserAsync(store)).User;
        // A valid path (segments of 200 bytes) whose table key is over the limit.
        var path = "/pub/" + string.Join('/', Enumerable.Repeat(new string('a', 200), 3));

        await Assert.ThrowsAsync<PathTooLongForStoreException>(() => PutAsync(store, user, path));

        Assert.Null(await store.GetEntryAsync(user, path));
        Assert.Equal(0, (await store.GetUserAsync(user))!.FileCount);
        Assert.Empty(await store.ReadFeedAsync(0, 10, ""));
    }

    private AzureUserStore Open(string name) => new(AzureStores.Tables(azurite, name));
}
