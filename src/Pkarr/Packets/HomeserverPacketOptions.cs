using System.Net;

namespace Pubky.Pkarr.Packets;

/// <summary>
/// What the homeserver advertises about itself (pubky <c>[pkdns]</c> config, A15.1): the public address and Pubky TLS
/// port for native clients, and optionally an ICANN domain for browsers.
/// </summary>
public sealed record HomeserverPacketOptions(IPAddress PublicIp, ushort PubkyTlsPort)
{
    /// <summary>When set, browsers are sent to this domain (https on 443, or http on <see cref="IcannHttpPort"/> for localhost).</summary>
    public string? IcannDomain { get; init; }

    /// <summary>Only published when <see cref="IcannDomain"/> is exactly <c>localhost</c>.</summary>
    public ushort IcannHttpPort { get; init; }
}
