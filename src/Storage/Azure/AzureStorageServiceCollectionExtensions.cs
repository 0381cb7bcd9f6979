using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Azure.Blobs;
using PubkyCluster.Storage.Azure.SignupTokens;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure;

/// <summary>Registers the cluster profile's stores: Azure Table for records, Azure Blob for bodies.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IUserStore"/> and <see cref="IEventStore"/> (one <see cref="AzureUserStore"/>),
    /// <see cref="ISignupTokenStore"/> and <see cref="IBlobStore"/> as singletons over one <see cref="AzureTableSet"/>.
    /// Options are validated at start. Safe to call more than once; each <paramref name="configure"/> is applied.
    /// </summary>
    public static IServiceCollection AddPubkyAzureStorage(
        this IServiceCollection services,
        Action<AzureStorageOptions>? configure = null)
    {
        var options = services.AddOptions<AzureStorageOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, AzureStorageOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value;
            return new AzureTableSet(new TableServiceClient(settings.ConnectionString), settings.TablePrefix);
        });
        services.TryAddSingleton(provider => new AzureUserStore(
            provider.GetRequiredService<AzureTableSet>(),
            provider.GetService<ILogger<AzureUserStore>>()));
        services.TryAddSingleton<IUserStore>(provider => provider.GetRequiredService<AzureUserStore>());
        services.TryAddSingleton<IEventStore>(provider => provider.GetRequiredService<AzureUserStore>());
        services.TryAddSingleton<ISignupTokenStore>(
            provider => new AzureSignupTokenStore(provider.GetRequiredService<AzureTableSet>()));
        services.TryAddSingleton<IBlobStore>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value;
            var service = new BlobServiceClient(settings.ConnectionString, AzureBlobStore.ClientOptions());
            return new AzureBlobStore(service.GetBlobContainerClient(settings.BlobContainer));
        });
        return services;
    }
}
