using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// Where the pkarr relay puts and finds signed packets: <see cref="DhtPkarrRecordSource"/> holds them in grains and
/// puts them on / resolves them from the Mainline DHT; the relay endpoints only see this seam.
/// </summary>
public interface IPkarrRecordSource
{
    /// <summary>
    /// Keeps <paramref name="packet"/> if it is the most recent for its key. <paramref name="casTimestamp"/> (the relay's
    /// If-Match) must then equal the timestamp of the packet held before.
    /// </summary>
    Task<PkarrPublishResult> PublishAsync(SignedPacket packet, ulong? casTimestamp, CancellationToken cancellationToken);

    /// <summary>The most recent packet known for <paramref name="key"/>, or null.</summary>
    Task<SignedPacket?> ResolveAsync(PublicKey key, CancellationToken cancellationToken);
}
