using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.SignupTokens;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded;

/// <summary>Registers the embedded profile's stores: SQLite for records and small bodies, files for larger bodies.</summary>
public static class EmbeddedStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IUserStore"/> and <see cref="IEventStore"/> (one <see cref="SqliteUserStore"/>),
    /// <see cref="ISignupTokenStore"/> and <see cref="IBlobStore"/> as singletons over one database. Safe to call
    /// more than once; each <paramref name="configure"/> is applied. The container closes the database on shutdown.
    /// </summary>
    public static IServiceCollection AddPubkyEmbeddedStorage(
        this IServiceCollection services,
        Action<EmbeddedStorageOptions>? configure = null)
    {
        var options = services.AddOptions<EmbeddedStorageOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<EmbeddedStorageOptions>, EmbeddedStorageOptionsValidator>());
        services.TryAddSingleton(provider => new EmbeddedDatabase(
            provider.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value.DataDirectory,
            provider.GetService<ILogger<EmbeddedDatabase>>()));
        services.TryAddSingleton(provider => new SqliteUserStore(provider.GetRequiredService<EmbeddedDatabase>()));
        services.TryAddSingleton<IUserStore>(provider => provider.GetRequiredService<SqliteUserStore>());
        services.TryAddSingleton<IEventStore>(provider => provider.GetRequiredService<SqliteUserStore>());
        services.TryAddSingleton<ISignupTokenStore>(
            provider => new SqliteSignupTokenStore(provider.GetRequiredService<EmbeddedDatabase>()));
        services.TryAddSingleton<IBlobStore>(provider => new EmbeddedBlobStore(
            provider.GetRequiredService<EmbeddedDatabase>(),
            new FileBlobStore(provider.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value.BlobDirectory),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
