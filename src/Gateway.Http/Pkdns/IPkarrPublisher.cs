using Pubky.Pkarr.Packets;
using PubkyCluster.Gateway.PkarrRelay;

namespace PubkyCluster.Gateway.Pkdns;

/// <summary>
/// Where the homeserver publishes the packets it signs itself: <see cref="NetworkPkarrPublisher"/> keeps them where this
/// homeserver's own relay serves them and puts them on the DHT and the configured pkarr relays (pkarr.pubky.app, …).
/// </summary>
public interface IPkarrPublisher
{
    Task<PkarrPublishResult> PublishAsync(SignedPacket packet, CancellationToken cancellationToken);
}
