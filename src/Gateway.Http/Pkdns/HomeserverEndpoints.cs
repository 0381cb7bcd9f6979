using System.Net;
using Pubky.Pkarr.Packets;

namespace PubkyCluster.Gateway.Pkdns;

/// <summary>
/// Where this homeserver says it can be reached: one reading of the configuration shared by the published
/// record and the admin /info answer, so the two never disagree.
/// </summary>
public static class HomeserverEndpoints
{
    /// <summary>The reference's Pubky TLS port, published when Homeserver:PublicPubkyTlsPort is unset.</summary>
    public const ushort DefaultPubkyTlsPort = 6287;

    /// <summary>The published ports and address; the ICANN HTTP port defaults to the client listener's.</summary>
    public static HomeserverPacketOptions From(HomeserverOptions homeserver, ListenOptions listen) =>
        new(IPAddress.Parse(homeserver.PublicIp), (ushort)(homeserver.PublicPubkyTlsPort ?? DefaultPubkyTlsPort))
        {
            IcannDomain = string.IsNullOrWhiteSpace(homeserver.IcannDomain) ? null : homeserver.IcannDomain,
            IcannHttpPort = (ushort)(homeserver.PublicIcannHttpPort ?? listen.ClientPort),
        };

    /// <summary><c>&lt;ip&gt;:&lt;port&gt;</c> of the Pubky TLS endpoint (IPv6 addresses in brackets).</summary>
    public static string PubkyAddress(HomeserverPacketOptions endpoints) =>
        new IPEndPoint(endpoints.PublicIp, endpoints.PubkyTlsPort).ToString();

    /// <summary><c>&lt;domain&gt;:&lt;port&gt;</c> browsers use, or null without an ICANN domain.</summary>
    public static string? IcannAddress(HomeserverPacketOptions endpoints) =>
        endpoints.IcannDomain is { } domain ? $"{domain}:{endpoints.IcannHttpPort}" : null;
}
