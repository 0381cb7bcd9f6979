using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.GrainState;
using PubkyCluster.Storage.GrainState;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded;

/// <summary>Registers the embedded grain-state provider on a silo.</summary>
public static class EmbeddedGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGrainStorage"/> as the <see cref="StorageNames.GrainState"/> provider, in the same
    /// database as the embedded stores (registered too, if not yet), with <see cref="GrainStateSerializer"/>.
    /// </summary>
    public static ISiloBuilder AddPubkyEmbeddedGrainStorage(this ISiloBuilder builder)
    {
        builder.Services.AddPubkyEmbeddedStorage();
        builder.Services.AddGrainStorage(
            StorageNames.GrainState,
            (provider, name) => new SqliteGrainStorage(
                name,
                provider.GetRequiredService<EmbeddedDatabase>(),
                new GrainStateSerializer(provider.GetRequiredService<Serializer>()),
                provider.GetRequiredService<IActivatorProvider>(),
                provider.GetService<ILogger<SqliteGrainStorage>>()));
        return builder;
    }
}
