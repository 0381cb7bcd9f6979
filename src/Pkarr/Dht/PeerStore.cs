using System.Net;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Dht;

/// <summary>Peers announced per info hash, bounded in info hashes (LRU) and in peers per hash (oldest dropped).</summary>
internal sealed class PeerStore(int maxInfoHashes, int maxPeersPerInfoHash)
{
    private readonly BoundedLru<NodeId, IPEndPoint[]> _peers = new(maxInfoHashes);

    public void Announce(NodeId infoHash, IPEndPoint peer) =>
        _peers.AddOrUpdate(infoHash, current =>
        {
            var others = (current ?? []).Where(p => !p.Equals(peer));
            return (true, others.Append(peer).TakeLast(maxPeersPerInfoHash).ToArray());
        });

    public IReadOnlyList<IPEndPoint> PeersOf(NodeId infoHash) => _peers.TryGet(infoHash, out var peers) ? peers : [];
}
