using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>The storage round trips of a write, counted as the HTTP requests the table clients send.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureRoundTripTests(AzuriteFixture azurite)
{
    private readonly RequestLog _log = new();

    [AzuriteFact]
    public async Task A_commit_with_the_current_version_is_three_transactions_for_a_new_file_an_overwrite_and_a_delete()
    {
        var (store, tables) = Open();
        await PutAsync(store, (await CreateUserAsync(store)).User, "/pub/warm");
        var user = (await CreateUserAsync(store)).User;
        var version = (await store.GetUserAsync(user))!.Version;

        _log.Clear();
        var created = await store.CommitAsync(NewFile(user, "/pub/a", version));
        var afterCreate = _log.Sent;

        var current = (await store.InspectWriteAsync(user, P("/pub/a"))).Current!;
        var at = TestClock.Next();
        var replacement = current with { BlobId = NewBlobId(user), ContentLength = 5, ModifiedAt = at };
        _log.Clear();
        var overwritten = await store.CommitAsync(
            new EntryChange(user, P("/pub/a"), current.BlobId, replacement, 4, 0, at, created.Version));
        var afterOverwrite = _log.Sent;

        _log.Clear();
        await store.CommitAsync(
            new EntryChange(user, P("/pub/a"), replacement.BlobId, null, -(5 + Overhead), -1, TestClock.Next(), overwritten.Version));
        var afterDelete = _log.Sent;

        foreach (var sent in new[] { afterCreate, afterOverwrite, afterDelete })
        {
            // The user's partition, the log, the user's partition again: no read anywhere.
            Assert.Equal(3, sent.Count);
            Assert.True(sent[0].IsTransactionOn(tables.Users.Name));
            Assert.True(sent[1].IsTransactionOn(tables.Events.Name));
            Assert.True(sent[2].IsTransactionOn(tables.Users.Name));
        }

        Assert.False(await store.IsBlobReferencedAsync(current.BlobId));
        Assert.False(await store.IsBlobReferencedAsync(replacement.BlobId));
        Assert.Equal(0, (await store.GetUserAsync(user))!.UsedBytes);
    }

    [AzuriteFact]
    public async Task A_commit_without_a_version_reads_the_user_first_and_is_four_requests()
    {
        var (store, tables) = Open();
        var user = (await CreateUserAsync(store)).User;
        await PutAsync(store, user, "/pub/warm");

        _log.Clear();
        await store.CommitAsync(NewFile(user, "/pub/a"));

        var sent = _log.Sent;
        Assert.Equal(4, sent.Count);
        Assert.True(sent[0].IsReadOf(tables.Users.Name));
        Assert.Equal(3, sent.Count(request => request.Path.EndsWith("/$batch", StringComparison.Ordinal)));
    }

    [AzuriteFact]
    public async Task Inspecting_a_write_is_one_query_that_finds_the_entry_and_the_collisions()
    {
        var (store, tables) = Open();
        var user = await SeedAsync(store, "/pub/a/b.txt", "/pub/c");

        _log.Clear();
        var existing = await store.InspectWriteAsync(user, P("/pub/a/b.txt"));
        var belowAFile = await store.InspectWriteAsync(user, P("/pub/c/d"));
        var overADirectory = await store.InspectWriteAsync(user, P("/pub/a"));

        Assert.Equal(3, _log.Sent.Count);
        Assert.All(_log.Sent, request => Assert.True(request.IsReadOf(tables.Users.Name)));
        Assert.False(existing.Collides);
        Assert.Equal(1, existing.Current?.ContentLength);
        Assert.True(belowAFile.Collides);
        Assert.True(overADirectory.Collides);
    }

    [AzuriteFact]
    public async Task A_path_deeper_than_one_filter_allows_is_inspected_with_filters_of_at_most_fifteen_comparisons()
    {
        var (store, _) = Open();
        var segments = Enumerable.Range(0, 16).Select(i => $"s{i}").ToList();
        var deepFile = "/pub/" + string.Join('/', segments.Take(14));
        var user = await SeedAsync(store, deepFile);

        _log.Clear();
        var below = await store.InspectWriteAsync(user, P("/pub/" + string.Join('/', segments)));
        var sibling = await store.InspectWriteAsync(user, P("/pub/" + string.Join('/', segments.Take(13)) + "/other"));

        Assert.True(below.Collides);
        Assert.False(sibling.Collides);
        Assert.True(_log.Sent.Count > 2);
        Assert.All(_log.Sent, request => Assert.InRange(request.FilterComparisons, 1, RowFilters.MaxComparisons));
    }

    private (AzureUserStore Store, AzureTableSet Tables) Open()
    {
        var tables = AzureStores.Tables(azurite, Guid.NewGuid().ToString("N"), _log);
        return (new AzureUserStore(tables), tables);
    }
}
