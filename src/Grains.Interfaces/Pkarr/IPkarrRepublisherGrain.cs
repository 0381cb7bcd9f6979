namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// The cluster's one PKARR user-record republisher (key <see cref="SingletonKey"/>): on a timer it walks every user of
/// this homeserver and has <see cref="IPkarrRepublishWorkerGrain"/>s put their newest packets back on the DHT.
/// Every silo calls <see cref="Start"/> when it starts, so the timer comes back after a failover.
/// </summary>
[Alias("pubky.IPkarrRepublisherGrain")]
public interface IPkarrRepublisherGrain : IGrainWithIntegerKey
{
    public const long SingletonKey = 0;

    /// <summary>Activates the grain and its timer; calling it again changes nothing.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>One full pass now, outside the timer's schedule (operators and tests).</summary>
    [Alias("RepublishNow")]
    Task<RepublishCounts> RepublishNow();
}
