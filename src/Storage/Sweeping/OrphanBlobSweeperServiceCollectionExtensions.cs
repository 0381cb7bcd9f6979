using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Sweeping;

/// <summary>Registers the periodic orphan-blob sweep, separately from any storage profile.</summary>
public static class OrphanBlobSweeperServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OrphanBlobSweeper"/> and the hosted service that runs it. Needs an <see cref="IBlobStore"/> and
    /// an <see cref="IUserStore"/> registered by a storage profile.
    /// </summary>
    public static IServiceCollection AddPubkyOrphanBlobSweeper(
        this IServiceCollection services,
        Action<OrphanBlobSweeperOptions>? configure = null)
    {
        var options = services.AddOptions<OrphanBlobSweeperOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrphanBlobSweeperOptions>, OrphanBlobSweeperOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new OrphanBlobSweeper(
            provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<IUserStore>(),
            provider.GetRequiredService<IOptions<OrphanBlobSweeperOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<OrphanBlobSweeper>>()));
        services.AddHostedService<OrphanBlobSweeperService>();
        return services;
    }
}
