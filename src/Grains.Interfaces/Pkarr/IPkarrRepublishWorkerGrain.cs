namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// Republishes one batch of users' packets. A stateless worker, so batches run on every silo in parallel; key 0.
/// </summary>
[Alias("pubky.IPkarrRepublishWorkerGrain")]
public interface IPkarrRepublishWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>For each user (z32): keep the newest packet seen, and if it points at this homeserver put it back on the DHT unchanged.</summary>
    [Alias("Republish")]
    Task<RepublishCounts> Republish(string[] users);
}
