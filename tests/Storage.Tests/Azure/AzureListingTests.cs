using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureListingTests(AzuriteFixture azurite) : ListingContract
{
    protected override Task<OpenedStore<IUserStore>> OpenAsync(string name) =>
        Task.FromResult(new OpenedStore<IUserStore>(new AzureUserStore(AzureStores.Tables(azurite, name)), NothingToClose.Instance));
}
