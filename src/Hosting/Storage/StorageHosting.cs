using Microsoft.Extensions.DependencyInjection.Extensions;
using PubkyCluster.Hosting.Homeserver;
using PubkyCluster.Hosting.Settings;
using PubkyCluster.Storage.Azure;
using PubkyCluster.Storage.Embedded;
using PubkyCluster.Storage.Sweeping;

namespace PubkyCluster.Hosting.Storage;

/// <summary>Chooses the storage adapters of the configured profile; every process of a deployment uses the same.</summary>
public static class StorageHosting
{
    /// <summary>The stores of the profile (the gateway streams bodies and reads events through them); returns the profile.</summary>
    public static StorageProfile AddPubkyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var profile = services.AddValidatedOptions(configuration, StorageProfileOptions.Section, new StorageProfileOptionsValidator()).Profile;
        if (profile == StorageProfile.Azure)
        {
            services.AddPubkyAzureStorage(options => configuration.GetSection(AzureSection).Bind(options));
            services.AddBoundSection<AzureStorageOptions>(AzureSection);
        }
        else
        {
            // The embedded profile keeps its files in the homeserver's data directory (Homeserver:DataDirectory).
            services.AddHomeserverIdentity(configuration);
            services.AddPubkyEmbeddedStorage();
            services.AddOptions<EmbeddedStorageOptions>()
                .Configure<IOptions<HomeserverOptions>>((options, homeserver) => options.DataDirectory = homeserver.Value.DataDirectory);
        }
        return profile;
    }

    /// <summary>
    /// What a silo adds to the stores: the grain-state provider of the profile, and the orphan-blob sweeper (a blob
    /// left by a crashed upload or a failed release is removed once no entry references it).
    /// </summary>
    public static ISiloBuilder AddPubkySiloStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (silo.Services.AddPubkyStorage(configuration) == StorageProfile.Azure)
        {
            silo.AddPubkyAzureGrainStorage();
        }
        else
        {
            silo.AddPubkyEmbeddedGrainStorage();
        }
        // Every silo sweeps: the silos of a cluster share one blob store, and passes on several silos only repeat checks.
        silo.Services.AddValidatedOptions(configuration, OrphanBlobSweeperOptions.Section, new OrphanBlobSweeperOptionsValidator());
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrphanBlobSweeperOptions>, CommitDelayValidator>());
        silo.Services.AddPubkyOrphanBlobSweeper();
        return silo;
    }

    private const string AzureSection = "Storage:Azure";
}
