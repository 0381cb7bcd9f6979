using System.Net;

namespace Pubky.Pkarr.Packets;

/// <summary>
/// What the homeserver advertises about itself (the <c>[pkdns]</c> section of pubky-core v0.6.0's
/// pubky-homeserver/src/data_directory/config.default.toml): the public address and Pubky TLS
/// port for native clients (null: no Pubky TLS listener, nothing to advertise), and optionally an ICANN domain for browsers.
/// </summary>
public sealed record HomeserverPacketOptions(IPAddress PublicIp, ushort? PubkyTlsPort)
{
    /// <summary>When set, browsers are sent to this domain (https on 443, or http on <see cref="IcannHttpPort"/> for localhost).</summary>
    public string? IcannDomain { get; init; }

    /// <summary>Only published when <see cref="IcannDomain"/> is exactly <c>localhost</c>.</summary>
    public ushort IcannHttpPort { get; init; }
}
