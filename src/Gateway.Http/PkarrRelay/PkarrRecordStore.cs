using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// The packets this homeserver holds, one <see cref="IPkarrRecordGrain"/> per key, so every gateway of a cluster answers
/// the same and what was acknowledged survives restarts. Local only: the DHT is <see cref="DhtPkarrRecordSource"/>'s.
/// </summary>
public sealed class PkarrRecordStore(IGrainFactory grains)
{
    /// <summary>Keeps <paramref name="packet"/> if it is the most recent for its key (and, with a CAS, replaces that timestamp).</summary>
    public Task<PkarrPutOutcome> PutAsync(SignedPacket packet, ulong? casTimestamp, CancellationToken cancellationToken) =>
        Grain(packet.PublicKey).Put(packet.Bytes.ToArray(), casTimestamp).WaitAsync(cancellationToken);

    public async Task<HeldPacket?> GetAsync(PublicKey key, CancellationToken cancellationToken) =>
        await Grain(key).Get().WaitAsync(cancellationToken) is { } stored
            ? new HeldPacket(SignedPacket.FromBytes(stored.SignedPacket), UnixMicros.ToDateTimeOffset(stored.LastSeenMicros))
            : null;

    private IPkarrRecordGrain Grain(PublicKey key) => grains.GetGrain<IPkarrRecordGrain>(key.Z32);
}
