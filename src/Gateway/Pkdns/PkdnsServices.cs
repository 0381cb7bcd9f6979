using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Publisher;
using Pubky.Pkarr.Relay;
using PubkyCluster.Gateway.Dht;
using PubkyCluster.Gateway.Identity;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.Pkdns;

public static class PkdnsServices
{
    private const string RelayHttpClient = "pkarr-relays";

    /// <summary>
    /// Publishes the homeserver's own record at start and hourly (DHT, configured relays, local relay store) and runs
    /// the user-record republisher grains with this homeserver's key and the Pkarr settings.
    /// </summary>
    public static IServiceCollection AddHomeserverRecordPublishing(this IServiceCollection services)
    {
        services.AddHttpClient(RelayHttpClient);
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<PkarrNetworkSettings>();
            var relays = settings.Relays.Count == 0
                ? null
                : new PkarrRelayClient(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(RelayHttpClient),
                    settings.Relays,
                    new PkarrRelayClientOptions { RequestTimeout = settings.RequestTimeout, PublishTimeout = settings.RequestTimeout * 3 });
            return new PkarrPublisher(sp.GetRequiredService<IMutableItemDht>(), relays, settings.PublisherOptions);
        });
        services.AddSingleton<IPkarrPublisher, NetworkPkarrPublisher>();
        services.AddHostedService<HomeserverRecordRepublisher>();

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
