using Orleans.Storage;
using PubkyCluster.Storage.Embedded.GrainState;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class SqliteGrainStorageTests(TempDirectory directory) : GrainStorageContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<IGrainStorage>> OpenAsync(string name) =>
        Task.FromResult(EmbeddedStores.Open<IGrainStorage>(directory, name, database => new SqliteGrainStorage(
            StorageNames.GrainState,
            database,
            OrleansSerialization.GrainStorageSerializer,
            OrleansSerialization.ActivatorProvider)));

    // The official Azure provider skips a clear without an ETag instead (see AzureGrainStorageTests).
    [Fact]
    public async Task Clearing_without_an_etag_over_a_stored_state_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync("counter", grain, new GrainState<CounterState>(new CounterState())));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(1, read.State!.Count);
    }

    [Fact]
    public async Task An_etag_this_provider_never_issued_is_inconsistent()
    {
        var storage = await OpenFreshAsync();
        var state = new GrainState<CounterState>(new CounterState { Count = 1 }) { ETag = "W/\"datetime'2026-01-01'\"" };

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", GrainId.Create("user", Guid.NewGuid().ToString("N")), state));
    }
}
