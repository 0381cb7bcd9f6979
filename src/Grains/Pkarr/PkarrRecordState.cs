namespace PubkyCluster.Grains.Pkarr;

[GenerateSerializer, Alias("pubky.PkarrRecordState")]
public sealed class PkarrRecordState
{
    /// <summary>The held signed packet (key ‖ sig ‖ timestamp ‖ DNS), at most 1104 bytes.</summary>
    [Id(0)]
    public byte[]? SignedPacket { get; set; }

    [Id(1)]
    public ulong LastSeenMicros { get; set; }
}
