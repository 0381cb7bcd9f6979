using Pubky.Pkarr.Packets;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>
/// A held packet and when this homeserver last saw it: its TTL counts from then, as from pkarr's
/// <c>SignedPacket::last_seen</c>.
/// </summary>
public sealed record HeldPacket(SignedPacket Packet, DateTimeOffset LastSeen);
