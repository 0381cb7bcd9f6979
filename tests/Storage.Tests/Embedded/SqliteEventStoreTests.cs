using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class SqliteEventStoreTests(TempDirectory directory) : EventStoreContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<UsersAndEvents>> OpenAsync(string name) =>
        Task.FromResult(EmbeddedStores.Open(directory, name, database =>
        {
            var store = new SqliteUserStore(database);
            return new UsersAndEvents(store, store);
        }));
}
