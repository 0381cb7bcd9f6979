using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using PubkyCluster.Gateway.PkarrRelay;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.Pkdns;

/// <summary>
/// Publishes a packet the homeserver signed itself: into the store its own pkarr relay serves (what testnet JS clients
/// read), then to the DHT and the configured relays through <see cref="PkarrPublisher"/>, which retries until enough
/// DHT nodes or a majority of relays hold it.
/// </summary>
public sealed class NetworkPkarrPublisher(PkarrRecordStore store, PkarrPublisher network) : IPkarrPublisher
{
    /// <exception cref="PkarrPublishFailedException">Neither enough DHT nodes nor a majority of relays took it.</exception>
    public async Task<PkarrPublishResult> PublishAsync(SignedPacket packet, CancellationToken cancellationToken)
    {
        var outcome = await store.PutAsync(packet, casTimestamp: null, cancellationToken);
        if (outcome != PkarrPutOutcome.Stored)
        {
            return new PkarrPublishResult(outcome, DhtStoredNodes: 0);
        }
        var published = await network.PublishAsync(packet, cas: null, cancellationToken);
        return published.Succeeded
            ? new PkarrPublishResult(outcome, published.DhtStoredNodes)
            : throw new PkarrPublishFailedException(
                $"{packet.PublicKey.Z32}'s packet reached {published.DhtStoredNodes} DHT nodes and "
                + $"{published.Relays?.Succeeded ?? 0} relays after {published.Attempts} attempts.");
    }
}
