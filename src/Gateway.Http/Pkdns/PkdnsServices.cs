using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Publisher;
using Pubky.Pkarr.Relay;

namespace PubkyCluster.Gateway.Pkdns;

public static class PkdnsServices
{
    private const string RelayHttpClient = "pkarr-relays";

    /// <summary>
    /// Publishes the homeserver's own record at start and hourly (DHT, configured relays, local relay store). The
    /// user-record republisher runs with the silos (see the silo hosting).
    /// </summary>
    public static IServiceCollection AddHomeserverRecordPublishing(this IServiceCollection services)
    {
        services.AddHttpClient(RelayHttpClient);
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<PkarrNetworkSettings>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var relays = settings.Relays.Count == 0
                ? null
                : new PkarrRelayClient(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(RelayHttpClient),
                    settings.Relays,
                    new PkarrRelayClientOptions
                    {
                        RequestTimeout = settings.RequestTimeout,
                        PublishTimeout = settings.RequestTimeout * 3,
                        Time = clock,
                    });
            return new PkarrPublisher(sp.GetRequiredService<IMutableItemDht>(), relays, settings.PublisherOptions with { Time = clock });
        });
        services.AddSingleton<IPkarrPublisher, NetworkPkarrPublisher>();
        services.AddHostedService<HomeserverRecordRepublisher>();

        return services;
    }
}
