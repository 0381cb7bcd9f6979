using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// The relay's packets: held in <see cref="PkarrRecordStore"/> and put on / resolved from the DHT. A held packet is
/// answered while its TTL lasts; after that, or for an unknown key, the DHT is asked and what it has is held from then
/// on. The DHT failing never loses an answer the store can give.
/// </summary>
public sealed partial class DhtPkarrRecordSource(
    PkarrRecordStore store,
    IMutableItemDht dht,
    TimeProvider clock,
    ILogger<DhtPkarrRecordSource> logger) : IPkarrRecordSource
{
    public async Task<PkarrPublishResult> PublishAsync(SignedPacket packet, ulong? casTimestamp, CancellationToken cancellationToken)
    {
        var outcome = await store.PutAsync(packet, casTimestamp, cancellationToken);
        if (outcome != PkarrPutOutcome.Stored)
        {
            return new PkarrPublishResult(outcome, DhtStoredNodes: 0);
        }
        try
        {
            // No cas towards the DHT: the If-Match was checked against what this relay holds, DHT nodes may hold older.
            var put = await dht.PutMutableAsync(packet, cas: null, cancellationToken);
            return new PkarrPublishResult(outcome, put.Stored);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogPutFailed(e, packet.PublicKey.Z32);
            return new PkarrPublishResult(outcome, DhtStoredNodes: 0);
        }
    }

    public async Task<SignedPacket?> ResolveAsync(PublicKey key, CancellationToken cancellationToken)
    {
        var held = await store.GetAsync(key, cancellationToken);
        if (held is not null && !held.Packet.IsExpired(held.LastSeen, clock.GetUtcNow()))
        {
            return held.Packet;
        }
        var found = await ResolveFromDhtAsync(key, cancellationToken);
        if (found is null)
        {
            return held?.Packet;
        }
        // Storing an equal packet again refreshes when it was last seen; an older one is refused and the held one wins.
        return await store.PutAsync(found, casTimestamp: null, cancellationToken) == PkarrPutOutcome.Stored ? found : held?.Packet ?? found;
    }

    private async Task<SignedPacket?> ResolveFromDhtAsync(PublicKey key, CancellationToken cancellationToken)
    {
        SignedPacket? newest = null;
        try
        {
            await foreach (var packet in dht.GetMutableStreamAsync(key, cancellationToken))
            {
                newest = packet;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogResolveFailed(e, key.Z32);
        }
        return newest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Putting {Key}'s packet on the DHT failed; the relay holds it")]
    private partial void LogPutFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resolving {Key} from the DHT failed")]
    private partial void LogResolveFailed(Exception exception, string key);
}
