using Azure.Data.Tables;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Azure.GrainState;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureGrainStorageTests(AzuriteFixture azurite) : GrainStorageContract
{
    protected override Task<OpenedStore<IGrainStorage>> OpenAsync(string name) =>
        Task.FromResult(new OpenedStore<IGrainStorage>(Create(name), NothingToClose.Instance));

    [AzuriteFact]
    public async Task Replacing_a_large_state_with_a_small_one_drops_the_old_chunks()
    {
        string name = NewName();
        var storage = Create(name);
        var grain = GrainId.Create("user", "replace" + Guid.NewGuid().ToString("N"));
        var state = new GrainState<CounterState>(new CounterState { Payload = new byte[400 * 1024] });
        await storage.WriteStateAsync("counter", grain, state);

        state.State!.Payload = [];
        state.State.Count = 3;
        await storage.WriteStateAsync("counter", grain, state);

        var tables = AzureStores.Tables(azurite, name);
        var rows = new List<TableEntity>();
        await foreach (var row in tables.GrainState.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {grain.Key.ToString()}")))
        {
            rows.Add(row);
        }

        var stored = Assert.Single(rows);
        Assert.Equal([AzureTableGrainStorage.DataPrefix + "0"], stored.Keys.Where(key => key.StartsWith(AzureTableGrainStorage.DataPrefix, StringComparison.Ordinal)));
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(3, read.State!.Count);
        Assert.Empty(read.State.Payload);
    }

    [AzuriteFact]
    public async Task A_state_at_the_size_cap_round_trips_through_azurite()
    {
        var storage = Create(NewName());
        var grain = GrainId.Create("user", Guid.NewGuid().ToString("N"));
        // Leaves room for the serializer's framing of the other members.
        var state = new GrainState<CounterState>(new CounterState { Payload = new byte[Storage.GrainState.GrainStateLimits.MaxStateBytes - 64] });

        await storage.WriteStateAsync("counter", grain, state);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grain, read);
        Assert.Equal(state.State!.Payload.Length, read.State!.Payload.Length);
    }

    [AzuriteFact]
    public async Task Keys_with_characters_tables_forbid_are_escaped()
    {
        var storage = Create(NewName());
        var grain = GrainId.Create("odd", "a/b\\c#d?e%f\u0001");
        await storage.WriteStateAsync("state/name", grain, new GrainState<CounterState>(new CounterState { Count = 9 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state/name", grain, read);

        Assert.Equal(9, read.State!.Count);
    }

    private AzureTableGrainStorage Create(string name) =>
        new(StorageNames.GrainState, AzureStores.Tables(azurite, name), OrleansSerialization.GrainStorageSerializer, OrleansSerialization.ActivatorProvider);
}
