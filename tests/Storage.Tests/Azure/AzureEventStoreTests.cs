using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureEventStoreTests(AzuriteFixture azurite) : EventStoreContract
{
    protected override Task<OpenedStore<UsersAndEvents>> OpenAsync(string name)
    {
        var store = new AzureUserStore(AzureStores.Tables(azurite, name));
        return Task.FromResult(new OpenedStore<UsersAndEvents>(new UsersAndEvents(store, store), NothingToClose.Instance));
    }
}
