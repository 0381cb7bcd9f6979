using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Pubky.Pkarr.Dns;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Packets;

/// <summary>
/// The two record sets Pubky publishes through pkarr: a homeserver's own endpoints (pubky-core v0.6.0:
/// pubky-homeserver/src/republishers/key_republisher.rs) and a user's <c>_pubky</c> pointer to their homeserver
/// (pubky-sdk/src/actors/pkdns.rs).
/// </summary>
public static class PubkyRecords
{
    /// <summary>Both record sets use one hour.</summary>
    public const uint Ttl = 3600;

    /// <summary>Pubky's private SvcParam carrying the plain-HTTP port for a <c>localhost</c> ICANN domain.</summary>
    public const ushort HttpPortKey = 65280;

    public const string PubkyLabel = "_pubky";

    private const string Apex = ".";
    private const string LocalhostDomain = "localhost";

    /// <summary>
    /// HTTPS 1 <c>.</c> with port and address hint (native clients, only with a Pubky TLS port), optionally HTTPS 10
    /// &lt;domain&gt; (browsers), then A or AAAA for the public address, all at the apex, in the order the reference
    /// homeserver writes them.
    /// </summary>
    public static IReadOnlyList<DnsRecord> Homeserver(HomeserverPacketOptions options)
    {
        var hint = options.PublicIp.AddressFamily == AddressFamily.InterNetwork
            ? SvcParam.Ipv4Hint(options.PublicIp)
            : SvcParam.Ipv6Hint(options.PublicIp);
        var records = new List<DnsRecord>();
        if (options.PubkyTlsPort is { } pubkyTlsPort)
        {
            records.Add(new(Apex, Ttl, ServiceBindingRecordData.Https(1, Apex, SvcParam.Port(pubkyTlsPort), hint)));
        }
        if (options.IcannDomain is { } domain)
        {
            // The private key carries the same big-endian u16 as the registered port param.
            var parameters = domain == LocalhostDomain
                ? [new SvcParam(HttpPortKey, SvcParam.Port(options.IcannHttpPort).Value)]
                : Array.Empty<SvcParam>();
            records.Add(new(Apex, Ttl, ServiceBindingRecordData.Https(10, domain, parameters)));
        }
        records.Add(new(Apex, Ttl, new AddressRecordData(options.PublicIp)));
        return records;
    }

    /// <summary>The homeserver's packet, built once at startup and republished unchanged.</summary>
    public static SignedPacket HomeserverPacket(Keypair homeserver, HomeserverPacketOptions options, TimeProvider? time = null) =>
        SignedPacket.Create(homeserver, Homeserver(options), time);

    /// <summary><c>_pubky HTTPS 0 &lt;homeserver z32&gt;</c>: AliasMode pointing at the homeserver's key.</summary>
    public static DnsRecord User(PublicKey homeserver) =>
        new(PubkyLabel, Ttl, ServiceBindingRecordData.Https(0, homeserver.Z32));

    /// <summary>
    /// A user's packet pointing at <paramref name="homeserver"/>; records of <paramref name="previous"/> whose names
    /// do not start with <c>_pubky</c> are kept ahead of the new record, as the SDK does.
    /// </summary>
    public static SignedPacket UserPacket(Keypair user, PublicKey homeserver, SignedPacket? previous = null, TimeProvider? time = null)
    {
        if (previous is not null && previous.PublicKey != user.PublicKey)
        {
            throw new ArgumentException("The previous packet belongs to another key.", nameof(previous));
        }
        var kept = previous?.Answers.Where(a => !a.Name.StartsWith(PubkyLabel, StringComparison.Ordinal)) ?? [];
        return SignedPacket.Create(user, kept.Append(User(homeserver)), time);
    }

    /// <summary>
    /// The homeserver a user's packet points at: the target of the first SVCB or HTTPS record at <c>_pubky</c>,
    /// read with pkarr's lenient key parser. False when there is no such record or its target is not a key.
    /// </summary>
    public static bool TryGetHomeserver(SignedPacket userPacket, [NotNullWhen(true)] out PublicKey? homeserver)
    {
        var target = userPacket.RecordsAt(PubkyLabel)
            .Select(r => r.Data)
            .OfType<ServiceBindingRecordData>()
            .FirstOrDefault()?.Target;
        if (PublicKey.TryParseLenient(target, out var key))
        {
            homeserver = key;
            return true;
        }
        homeserver = null;
        return false;
    }
}
