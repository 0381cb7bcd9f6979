using Orleans.Concurrency;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// The newest signed PKARR packet known for one public key (z32), as the pkarr relay stores and serves it and as the
/// republisher re-broadcasts it. Packets are verified by the caller; the grain keeps the most recent one.
/// </summary>
[Alias("pubky.IPkarrRecordGrain")]
public interface IPkarrRecordGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="signedPacket"/> (key ‖ sig ‖ timestamp ‖ DNS) if it is more recent than the held one.
    /// <paramref name="casTimestamp"/> is the If-Match value: the held packet must have exactly that timestamp.</summary>
    [Alias("Put")]
    Task<PkarrPutOutcome> Put(byte[] signedPacket, ulong? casTimestamp);

    [ReadOnly, AlwaysInterleave, Alias("Get")]
    Task<StoredPkarrPacket?> Get();
}
