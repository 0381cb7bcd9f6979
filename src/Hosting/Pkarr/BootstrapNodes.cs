using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PubkyCluster.Hosting.Pkarr;

/// <summary>Mainline bootstrap nodes: the defaults and turning <c>host:port</c> entries into IPv4 endpoints.</summary>
public static class BootstrapNodes
{
    /// <summary>
    /// The nodes Rust mainline starts from (<c>DEFAULT_BOOTSTRAP_NODES</c> in its src/rpc.rs), the network pubky's
    /// clients use.
    /// </summary>
    public static IReadOnlyList<string> Mainline { get; } =
    [
        "router.bittorrent.com:6881",
        "dht.transmissionbt.com:6881",
        "dht.libtorrent.org:25401",
        "relay.pkarr.org:6881",
    ];

    public static bool TryParse(string entry, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }
        host = entry[..colon].Trim();
        return host.Length > 0;
    }

    /// <summary>
    /// Every IPv4 address of every entry (the DHT's compact formats are IPv4 only). Names that do not resolve are
    /// reported and left out, so one dead bootstrap host never stops the homeserver.
    /// </summary>
    public static async Task<IReadOnlyList<IPEndPoint>> ResolveAsync(
        IEnumerable<string> entries, Action<string, Exception> onUnresolved, CancellationToken cancellationToken)
    {
        var resolved = await Task.WhenAll(entries.Select(async entry =>
        {
            if (!TryParse(entry, out var host, out var port))
            {
                return [];
            }
            try
            {
                var addresses = IPAddress.TryParse(host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken);
                return addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => new IPEndPoint(a, port));
            }
            catch (SocketException e)
            {
                onUnresolved(entry, e);
                return [];
            }
        }));
        return resolved.SelectMany(e => e).Distinct().ToList();
    }
}
