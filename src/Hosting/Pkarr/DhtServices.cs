using Microsoft.Extensions.DependencyInjection.Extensions;
using Pubky.Pkarr.Dht;
using PubkyCluster.Grains.Pkarr;
using PubkyCluster.Hosting.Homeserver;
using PubkyCluster.Hosting.Metrics;
using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Hosting.Pkarr;

public static class DhtServices
{
    /// <summary>
    /// The homeserver's identity, the "Pkarr" settings and the DHT node (plus the testnet DHT in testnet mode) as
    /// <see cref="IMutableItemDht"/>. Every process that hosts grains or the relay calls it; calling it again adds
    /// nothing. Register before the silo so the DHT starts before, and stops after, the grains that use it.
    /// </summary>
    public static IServiceCollection AddPkarrDht(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(PkarrDht)))
        {
            return services;
        }
        services.AddHomeserverIdentity(configuration);
        services.AddValidatedOptions(configuration, PkarrOptions.Section, new PkarrOptionsValidator());
        services.AddSingleton(PkarrNetworkSettings.From);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PkarrDht>();
        services.AddSingleton<IMutableItemDht>(sp => sp.GetRequiredService<PkarrDht>());
        services.AddHostedService(sp => sp.GetRequiredService<PkarrDht>());
        return services;
    }

    /// <summary>
    /// The user-record republisher, started with every silo, republishing for this homeserver's key with the Pkarr
    /// settings; its counts go to the homeserver's metrics.
    /// </summary>
    public static IServiceCollection AddPubkyRepublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPkarrDht(configuration);
        services.AddHomeserverMetrics(configuration);
        services.TryAddSingleton<IPkarrRepublishMetrics>(sp => sp.GetRequiredService<HomeserverMetrics>());
        services.AddPkarrRepublisher();
        services.AddOptions<UserRepublisherOptions>().Configure<HomeserverIdentity, PkarrNetworkSettings>((options, identity, settings) =>
        {
            options.HomeserverKey = identity.PublicKey.Z32;
            options.Interval = settings.UserRepublishInterval;
            options.FirstRunDelay = settings.UserRepublishDelay;
            options.Publisher = settings.PublisherOptions;
        });
        return services;
    }
}
