namespace PubkyCluster.Hosting.Pkarr;

/// <summary>
/// How the homeserver reaches the PKARR network (configuration section "Pkarr", e.g. <c>Pkarr__TestnetBootstrapPort</c>).
/// Unset values take the defaults of the mode: an in-process testnet DHT under Homeserver:Testnet, the Mainline DHT and
/// pubky's relays otherwise. <see cref="PkarrNetworkSettings"/> is the resolved form the services use.
/// </summary>
public sealed class PkarrOptions
{
    public const string Section = "Pkarr";

    /// <summary>Run an in-process DHT testnet and use only it; unset follows Homeserver:Testnet.</summary>
    public bool? TestnetDht { get; set; }

    /// <summary>UDP port of the testnet's bootstrap node (reference testnet: 6881); 0 lets the OS choose.</summary>
    public int TestnetBootstrapPort { get; set; } = 6881;

    /// <summary>Server-mode nodes started besides the bootstrap node, so a put lands on more than one node.</summary>
    public int TestnetExtraNodes { get; set; } = 2;

    /// <summary><c>host:port</c> entries; unset means the Mainline bootstrap nodes (ignored with the testnet DHT).</summary>
    public List<string>? BootstrapNodes { get; set; }

    /// <summary>
    /// pkarr relay base URLs the homeserver's own record is also PUT to; unset means none with the testnet DHT and
    /// pubky's relays otherwise. Empty entries are ignored, so <c>Pkarr__Relays__0=</c> turns relays off.
    /// </summary>
    public List<string>? Relays { get; set; }

    /// <summary>
    /// 2 for mainline ≤ 5 (pubky-core 0.6.0) and bittorrent-dht peers, 4 for mainline ≥ 6: mainline's
    /// src/common/messages.rs reads <c>t</c> as a u16 before 6.0 and as a u32 since, and drops any other length.
    /// </summary>
    public int TransactionIdLength { get; set; } = 2;

    /// <summary>How long one DHT query or relay GET waits (pkarr's default: 2 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every user's record is put back on the DHT; values below 30 minutes are raised to 30 minutes.</summary>
    public TimeSpan UserRepublishInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Delay after a silo starts before the first user-record pass (reference: 60 s).</summary>
    public TimeSpan UserRepublishDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the homeserver's own record is published again (same bytes each time).</summary>
    public TimeSpan HomeserverRepublishInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>DHT nodes that must store a packet for a publish to count; unset means 1 on the testnet DHT, 10 otherwise.</summary>
    public int? MinStoredNodes { get; set; }
}
