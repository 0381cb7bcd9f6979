using PubkyCluster.Storage.Embedded.SignupTokens;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class SqliteSignupTokenStoreTests(TempDirectory directory) : SignupTokenStoreContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<ISignupTokenStore>> OpenAsync(string name) =>
        Task.FromResult(EmbeddedStores.Open<ISignupTokenStore>(directory, name, database => new SqliteSignupTokenStore(database)));
}
