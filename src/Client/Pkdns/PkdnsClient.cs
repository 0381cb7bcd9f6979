using Pubky.Client.Http;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Pkdns;

/// <summary>
/// A user's homeserver through PKARR (spec A15.2–A15.3): the user's packet names the homeserver's key in its
/// <c>_pubky</c> record, the homeserver's packet says where it answers. Packets come from pkarr relays, the Mainline
/// DHT, or both (the newest valid packet wins); publishing goes to every source given.
/// </summary>
public sealed class PkdnsClient
{
    private readonly PkarrRelayClient? _relays;
    private readonly IMutableItemDht? _dht;
    private readonly TimeProvider _clock;

    public PkdnsClient(PkarrRelayClient? relays, IMutableItemDht? dht = null, TimeProvider? clock = null)
    {
        if (relays is null && dht is null)
        {
            throw new ArgumentException("PKARR needs relays, the DHT, or both.");
        }
        (_relays, _dht, _clock) = (relays, dht, clock ?? TimeProvider.System);
    }

    /// <summary>The newest valid packet of <paramref name="key"/> any source has, or null.</summary>
    public async Task<SignedPacket?> ResolveAsync(PublicKey key, CancellationToken cancellation = default)
    {
        var found = await Task.WhenAll(FromRelaysAsync(key, cancellation), FromDhtAsync(key, cancellation));
        return found.OfType<SignedPacket>().Aggregate((SignedPacket?)null, (newest, p) => newest is null || p.MoreRecentThan(newest) ? p : newest);
    }

    /// <summary>The homeserver the user's record points at and where it answers, or null when either packet is missing or names no endpoint.</summary>
    public async Task<Homeserver?> ResolveHomeserverAsync(PublicKey user, CancellationToken cancellation = default)
    {
        if (await ResolveAsync(user, cancellation) is not { } userPacket || !PubkyRecords.TryGetHomeserver(userPacket, out var homeserverKey))
        {
            return null;
        }
        return await ResolveEndpointAsync(homeserverKey, cancellation);
    }

    /// <summary>Where a homeserver answers, from its own record; null when the packet is missing or names no endpoint.</summary>
    public async Task<Homeserver?> ResolveEndpointAsync(PublicKey homeserver, CancellationToken cancellation = default) =>
        await ResolveAsync(homeserver, cancellation) is { } packet && HomeserverEndpoint.TryGetUrl(packet, out var url)
            ? new Homeserver(url, homeserver)
            : null;

    /// <summary>
    /// Points the user's record at <paramref name="homeserver"/>, keeping the record's other entries (what the SDK does on
    /// signup, and what a move between homeservers does last). Returns the packet published.
    /// </summary>
    /// <exception cref="PkdnsPublishException">No source stored it.</exception>
    public async Task<SignedPacket> PublishHomeserverAsync(Keypair user, PublicKey homeserver, CancellationToken cancellation = default)
    {
        var previous = await ResolveAsync(user.PublicKey, cancellation);
        var packet = PubkyRecords.UserPacket(user, homeserver, previous, _clock);
        var relayStored = _relays is not null && (await _relays.PublishAsync(packet, cas: null, cancellation)).IsMajority;
        var dhtStored = _dht is not null && (await _dht.PutMutableAsync(packet, cas: null, cancellation)).Stored > 0;
        return relayStored || dhtStored
            ? packet
            : throw new PkdnsPublishException($"No PKARR relay or DHT node stored the record of {user.PublicKey.Z32}.");
    }

    private async Task<SignedPacket?> FromRelaysAsync(PublicKey key, CancellationToken cancellation)
    {
        SignedPacket? newest = null;
        if (_relays is not null)
        {
            await foreach (var packet in _relays.ResolveStreamAsync(key, cached: null, cancellation))
            {
                newest = packet;
            }
        }
        return newest;
    }

    private async Task<SignedPacket?> FromDhtAsync(PublicKey key, CancellationToken cancellation)
    {
        SignedPacket? newest = null;
        if (_dht is not null)
        {
            await foreach (var packet in _dht.GetMutableStreamAsync(key, cancellation))
            {
                newest = packet;
            }
        }
        return newest;
    }
}
