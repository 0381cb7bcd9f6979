using Pubky.Pkarr.Dht;

namespace PubkyCluster.Gateway.Dht;

public static class DhtServices
{
    /// <summary>
    /// The "Pkarr" settings and the DHT node (plus the testnet DHT in testnet mode) as <see cref="IMutableItemDht"/>.
    /// Register before the silo so the DHT starts before, and stops after, the grains that use it.
    /// </summary>
    public static IServiceCollection AddPkarrDht(this IServiceCollection services)
    {
        services.AddSingleton(PkarrNetworkSettings.From);
        services.AddSingleton<PkarrDht>();
        services.AddSingleton<IMutableItemDht>(sp => sp.GetRequiredService<PkarrDht>());
        services.AddHostedService(sp => sp.GetRequiredService<PkarrDht>());
        return services;
    }
}
