using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Tests.Support;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>
/// The log sequencer's batches. Each test holds one log transaction back (its request waits in the client's pipeline)
/// so that what it wants batched queues behind it; no test depends on how fast anything runs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureSequencerTests(AzuriteFixture azurite)
{
    private readonly RequestLog _log = new();

    [AzuriteFact]
    public async Task Concurrent_commits_of_many_users_get_gapless_ids_in_fewer_log_transactions_than_events()
    {
        const int Users = 20;
        var (store, tables) = Open();
        var writers = new List<(string User, string? Version)>();
        for (var i = 0; i < Users; i++)
        {
            var user = (await CreateUserAsync(store)).User;
            writers.Add((user, (await store.GetUserAsync(user))!.Version));
        }

        _log.Clear();
        var held = _log.HoldNext(request => request.IsTransactionOn(tables.Events.Name));
        var durable = _log.WhenAnswered(request => request.IsTransactionOn(tables.Users.Name), Users);
        var commits = writers
            .Select(writer => Task.Run(() => store.CommitAsync(NewFile(writer.User, "/pub/file", writer.Version))))
            .ToList();
        await held.Reached;
        await durable;
        held.Release();
        var receipts = await Task.WhenAll(commits);

        var expected = Enumerable.Range(1, Users).Select(i => (long)i).ToList();
        Assert.Equal(expected, receipts.Select(receipt => receipt.Event.Id).Order());
        var feed = await store.ReadFeedAsync(0, 100, "");
        Assert.Equal(expected, feed.Select(e => e.Id));
        Assert.Equal(feed.Select(e => e.CreatedAtMicros).Order(), feed.Select(e => e.CreatedAtMicros));
        Assert.Equal(Users, feed.Select(e => e.CreatedAtMicros).Distinct().Count());
        Assert.InRange(_log.Sent.Count(request => request.IsTransactionOn(tables.Events.Name)), 2, Users - 1);
    }

    [AzuriteFact]
    public async Task A_commit_published_already_gets_its_existing_id_inside_a_batch_and_the_others_are_published()
    {
        var (store, tables) = Open();
        var users = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            users.Add((await CreateUserAsync(store)).User);
        }

        // A publisher that crashed after its log write: the marker names the id, the outbox row is still there.
        var (crashed, _) = await store.WriteCommitAsync(NewFile(users[0], "/pub/crashed"), CancellationToken.None);
        var original = await store.Log.AppendAsync(crashed, CancellationToken.None);
        var pending = new List<PendingEvent>();
        foreach (var user in users.Skip(1))
        {
            pending.Add((await store.WriteCommitAsync(NewFile(user, "/pub/new"), CancellationToken.None)).Pending);
        }

        var held = _log.HoldNext(request => request.IsTransactionOn(tables.Events.Name));
        var lead = store.Log.AppendAsync(pending[0], CancellationToken.None);
        await held.Reached;
        // Queued behind it, so one batch: a new event, the replay of the published one, another new event.
        var second = store.Log.AppendAsync(pending[1], CancellationToken.None);
        var replay = store.Log.AppendAsync(crashed, CancellationToken.None);
        var third = store.Log.AppendAsync(pending[2], CancellationToken.None);
        held.Release();

        Assert.Equal(original, await replay);
        Assert.Equal(original.Id + 1, (await lead).Id);
        Assert.Equal(original.Id + 2, (await second).Id);
        Assert.Equal(original.Id + 3, (await third).Id);
        var feed = await store.ReadFeedAsync(0, 100, "");
        Assert.Equal([1L, 2, 3, 4], feed.Select(e => e.Id));
        Assert.Equal(users, feed.Select(e => e.User));
        // The crashed publisher's, the lead's, the batch refused for the marker, and the batch without it; one marker query.
        Assert.Equal(4, _log.Sent.Count(request => request.IsTransactionOn(tables.Events.Name)));
        Assert.Single(_log.Sent, request => request.IsReadOf(tables.Events.Name) && request.Query.Contains("RowKey eq 'm", StringComparison.Ordinal));
    }

    [AzuriteFact]
    public async Task Events_of_one_user_queued_out_of_order_in_one_batch_get_ids_in_the_users_commit_order()
    {
        var (store, tables) = Open();
        var other = (await CreateUserAsync(store)).User;
        var user = (await CreateUserAsync(store)).User;
        // Two durable commits of one user, neither published yet (written without reading, so the second does not
        // publish the first).
        var (first, afterFirst) = await store.WriteCommitAsync(
            NewFile(user, "/pub/first", (await store.GetUserAsync(user))!.Version), CancellationToken.None);
        var (later, _) = await store.WriteCommitAsync(NewFile(user, "/pub/later", afterFirst!.Format()), CancellationToken.None);
        var (lead, _) = await store.WriteCommitAsync(NewFile(other, "/pub/lead"), CancellationToken.None);

        var held = _log.HoldNext(request => request.IsTransactionOn(tables.Events.Name));
        var leading = store.Log.AppendAsync(lead, CancellationToken.None);
        await held.Reached;
        var laterId = store.Log.AppendAsync(later, CancellationToken.None);
        var firstId = store.Log.AppendAsync(first, CancellationToken.None);
        held.Release();

        await leading;
        Assert.Equal((await firstId).Id + 1, (await laterId).Id);
        Assert.Equal(2, _log.Sent.Count(request => request.IsTransactionOn(tables.Events.Name)));
        var feed = await store.ReadFeedAsync(0, 100, "");
        Assert.Equal(["/pub/lead", "/pub/first", "/pub/later"], feed.Select(e => e.Path));
    }

    [AzuriteFact]
    public async Task A_sequence_another_process_moved_is_read_again_and_ids_stay_gapless_in_commit_order()
    {
        var name = Guid.NewGuid().ToString("N");
        var first = new AzureUserStore(AzureStores.Tables(azurite, name));
        var second = new AzureUserStore(AzureStores.Tables(azurite, name));
        var firstUser = (await CreateUserAsync(first)).User;
        var secondUser = (await CreateUserAsync(second)).User;

        var ids = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            ids.Add((await PutAsync(first, firstUser, $"/pub/{round}")).Id);
            ids.Add((await PutAsync(second, secondUser, $"/pub/{round}")).Id);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], ids);
        Assert.Equal(ids, (await first.ReadFeedAsync(0, 100, "")).Select(e => e.Id));
    }

    private (AzureUserStore Store, AzureTableSet Tables) Open()
    {
        var tables = AzureStores.Tables(azurite, Guid.NewGuid().ToString("N"), _log);
        return (new AzureUserStore(tables), tables);
    }
}
