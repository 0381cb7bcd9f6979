using Pubky.Pkarr.Packets;

namespace PubkyCluster.Gateway.PkarrRelay;

/// <summary>A held packet and when this homeserver last saw it: its TTL counts from then (pkarr-dht.md 1.7).</summary>
public sealed record HeldPacket(SignedPacket Packet, DateTimeOffset LastSeen);
