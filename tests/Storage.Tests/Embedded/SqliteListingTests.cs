using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class SqliteListingTests(TempDirectory directory) : ListingContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<IUserStore>> OpenAsync(string name) =>
        Task.FromResult(EmbeddedStores.Open<IUserStore>(directory, name, database => new SqliteUserStore(database)));
}
