using System.Net;

namespace PubkyCluster.Gateway.RateLimiting;

/// <summary>
/// The address a request is counted by: the connection's, which the forwarded-headers step (src/Hosting/ForwardedHeaders)
/// has already replaced with the client's when the peer is a trusted proxy.
/// </summary>
public static class ClientAddress
{
    public static IPAddress Of(HttpContext context) => Normalize(context.Connection.RemoteIpAddress ?? IPAddress.None);

    /// <summary>An IPv4 client on a dual-stack socket is one client, whichever form the socket reports.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
