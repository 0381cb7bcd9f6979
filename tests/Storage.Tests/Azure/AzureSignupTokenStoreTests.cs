using PubkyCluster.Storage.Azure.SignupTokens;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureSignupTokenStoreTests(AzuriteFixture azurite) : SignupTokenStoreContract
{
    protected override Task<OpenedStore<ISignupTokenStore>> OpenAsync(string name) =>
        Task.FromResult(new OpenedStore<ISignupTokenStore>(
            new AzureSignupTokenStore(AzureStores.Tables(azurite, name)), NothingToClose.Instance));
}
