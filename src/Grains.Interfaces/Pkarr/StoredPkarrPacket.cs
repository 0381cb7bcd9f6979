namespace PubkyCluster.Grains.Pkarr;

/// <summary>A held packet and when this homeserver last saw it (µs): TTL expiry counts from there.</summary>
[GenerateSerializer, Immutable, Alias("pubky.StoredPkarrPacket")]
public sealed record StoredPkarrPacket(
    [property: Id(0)] byte[] SignedPacket,
    [property: Id(1)] ulong LastSeenMicros);
