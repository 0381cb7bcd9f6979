using Orleans.Storage;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Embedded.GrainState;
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
}
