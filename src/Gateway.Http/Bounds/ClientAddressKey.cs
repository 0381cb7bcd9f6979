using System.Net;

namespace PubkyCluster.Gateway.Bounds;

/// <summary>
/// The unit a per-address bound counts: an IPv4 address (IPv4-mapped IPv6 included), or an IPv6 /64, since one host is
/// routinely given a whole /64 and could otherwise spread over countless addresses.
/// </summary>
public static class ClientAddressKey
{
    /// <summary>Requests whose peer is unknown (no socket, as in in-memory test servers) share one key.</summary>
    public static readonly IPAddress Unknown = IPAddress.IPv6None;

    public static IPAddress Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address;
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    public static IPAddress Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);
}
