using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Azure.GrainState;
using PubkyCluster.Storage.Azure.Tables;

namespace PubkyCluster.Storage.Azure;

/// <summary>Registers the cluster profile's grain-state provider on a silo.</summary>
public static class AzureGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="AzureTableGrainStorage"/> as the <see cref="StorageNames.GrainState"/> provider, on the same
    /// tables as the Azure stores (registered too, if not yet), with Orleans' binary serializer so [Id]-numbered members
    /// give version tolerance. The tables are created when the silo starts.
    /// </summary>
    public static ISiloBuilder AddPubkyAzureGrainStorage(this ISiloBuilder builder, Action<AzureStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPubkyAzureStorage(configure);
        builder.Services.AddGrainStorage(
            StorageNames.GrainState,
            (provider, name) => new AzureTableGrainStorage(
                name,
                provider.GetRequiredService<AzureTableSet>(),
                new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()),
                provider.GetService<IActivatorProvider>(),
                provider.GetService<ILogger<AzureTableGrainStorage>>()));
        return builder;
    }
}
