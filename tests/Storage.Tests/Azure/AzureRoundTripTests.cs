using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Azure.Users;
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
