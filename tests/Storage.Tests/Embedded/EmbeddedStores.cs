using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Tests.Infrastructure;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>Opens embedded stores in a sub-directory named after the store, so reopening finds the same files.</summary>
internal static class EmbeddedStores
{
    public static OpenedStore<TStore> Open<TStore>(TempDirectory directory, string name, Func<EmbeddedDatabase, TStore> create)
    {
        var database = new EmbeddedDatabase(directory.For(name));
        return new OpenedStore<TStore>(create(database), database);
    }
}
