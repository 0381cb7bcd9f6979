using System.Net;
using Pubky.Pkarr.Packets;

namespace PubkyCluster.Gateway.Pkdns;

/// <summary>
/// Where this homeserver says it can be reached: one reading of the configuration shared by the published
/// record and the admin /info answer, so the two never disagree.
/// </summary>
public static class HomeserverEndpoints
{
    /// <summary>
    /// The published ports and address; each published port defaults to its listener's. The Pubky TLS port is published
    /// only while its listener is on (Listen:PubkyTlsPort not 0): the record advertises only what is served.
    /// </summary>
    public static HomeserverPacketOptions From(HomeserverOptions homeserver, ListenOptions listen) =>
        new(IPAddress.Parse(homeserver.PublicIp), listen.PubkyTlsPort == 0 ? null : (ushort)(homeserver.PublicPubkyTlsPort ?? listen.PubkyTlsPort))
        {
            IcannDomain = string.IsNullOrWhiteSpace(homeserver.IcannDomain) ? null : homeserver.IcannDomain,
            IcannHttpPort = (ushort)(homeserver.PublicIcannHttpPort ?? listen.ClientPort),
        };

    /// <summary><c>&lt;ip&gt;:&lt;port&gt;</c> of the Pubky TLS endpoint (IPv6 addresses in brackets), or null when it is off.</summary>
    public static string? PubkyAddress(HomeserverPacketOptions endpoints) =>
        endpoints.PubkyTlsPort is { } port ? new IPEndPoint(endpoints.PublicIp, port).ToString() : null;

    /// <summary><c>&lt;domain&gt;:&lt;port&gt;</c> browsers use, or null without an ICANN domain.</summary>
    public static string? IcannAddress(HomeserverPacketOptions endpoints) =>
        endpoints.IcannDomain is { } domain ? $"{domain}:{endpoints.IcannHttpPort}" : null;
}
