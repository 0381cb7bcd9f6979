using Pubky.Pkarr.Publisher;
using PubkyCluster.Hosting.Homeserver;

namespace PubkyCluster.Hosting.Pkarr;

/// <summary><see cref="PkarrOptions"/> with every default of the mode filled in: what the DHT, relays and publishers use.</summary>
public sealed record PkarrNetworkSettings(
    bool TestnetDht,
    int TestnetBootstrapPort,
    int TestnetExtraNodes,
    IReadOnlyList<string> BootstrapNodes,
    IReadOnlyList<Uri> Relays,
    int TransactionIdLength,
    TimeSpan RequestTimeout,
    TimeSpan UserRepublishInterval,
    TimeSpan UserRepublishDelay,
    TimeSpan HomeserverRepublishInterval,
    int MinStoredNodes)
{
    /// <summary>
    /// pubky's public relays, the reference homeserver's <c>dht_relay_nodes</c> default (pubky-core v0.6.0:
    /// pubky-homeserver/src/data_directory/config.default.toml).
    /// </summary>
    public static IReadOnlyList<Uri> PubkyRelays { get; } = [new("https://pkarr.pubky.app"), new("https://pkarr.pubky.org")];

    /// <summary>What pkarr 7 and pubky's republisher require on the Mainline DHT; one is plenty on a loopback testnet.</summary>
    public const int MainnetMinStoredNodes = 10;

    public PkarrPublisherOptions PublisherOptions => new() { MinStoredNodes = MinStoredNodes };

    public static PkarrNetworkSettings From(PkarrOptions pkarr, HomeserverOptions homeserver)
    {
        var testnet = pkarr.TestnetDht ?? homeserver.Testnet;
        return new PkarrNetworkSettings(
            testnet,
            pkarr.TestnetBootstrapPort,
            pkarr.TestnetExtraNodes,
            testnet ? [] : pkarr.BootstrapNodes ?? Pkarr.BootstrapNodes.Mainline,
            pkarr.Relays is { } relays
                ? [.. relays.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => new Uri(r))]
                : testnet ? [] : PubkyRelays,
            pkarr.TransactionIdLength,
            pkarr.RequestTimeout,
            pkarr.UserRepublishInterval,
            pkarr.UserRepublishDelay,
            pkarr.HomeserverRepublishInterval,
            pkarr.MinStoredNodes ?? (testnet ? PkarrPublisherOptions.Testnet.MinStoredNodes : MainnetMinStoredNodes));
    }

    public static PkarrNetworkSettings From(IServiceProvider services) => From(
        services.GetRequiredService<IOptions<PkarrOptions>>().Value, services.GetRequiredService<IOptions<HomeserverOptions>>().Value);
}
