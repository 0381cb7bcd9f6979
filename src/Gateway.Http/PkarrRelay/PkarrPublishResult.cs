using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// What publishing a packet achieved: whether it became the held packet, and on how many DHT nodes it was stored
/// (0 when the DHT put failed; the relay reports it in <c>Pkarr-Dht-Stored-Nodes</c>).
/// </summary>
public sealed record PkarrPublishResult(PkarrPutOutcome Outcome, int DhtStoredNodes);
