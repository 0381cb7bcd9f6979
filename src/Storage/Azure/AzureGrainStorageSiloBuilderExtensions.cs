using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.GrainState;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure;

/// <summary>Registers the cluster profile's grain-state provider on a silo.</summary>
public static class AzureGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers Orleans' own Azure Table grain storage (Microsoft.Orleans.Persistence.AzureStorage) as the
    /// <see cref="StorageNames.GrainState"/> provider, on the account and table prefix of the Azure stores (registered
    /// too, if not yet). Its table is created when the silo starts.
    /// </summary>
    public static ISiloBuilder AddPubkyAzureGrainStorage(this ISiloBuilder builder, Action<AzureStorageOptions>? configure = null)
    {
        builder.Services.AddPubkyAzureStorage(configure);
        builder.AddAzureTableGrainStorage(
            StorageNames.GrainState,
            options => options.Configure<AzureTableSet, IOptions<AzureStorageOptions>, Serializer>(Configure));
        return builder;
    }

    private static void Configure(
        AzureTableStorageOptions options, AzureTableSet tables, IOptions<AzureStorageOptions> azure, Serializer serializer)
    {
        // The table set names every table of the deployment, so the grain table follows TablePrefix like the others.
        options.TableName = tables.GrainState.Name;
        options.TableServiceClient = new TableServiceClient(azure.Value.ConnectionString);
        // Binary Orleans serialization behind the size cap, as in the embedded profile; binary columns, not base64 strings.
        options.GrainStorageSerializer = new GrainStateSerializer(serializer);
        options.UseStringFormat = false;
        // Clearing deletes the row (ETag-conditional) instead of leaving an empty one behind.
        options.DeleteStateOnClear = true;
    }
}
