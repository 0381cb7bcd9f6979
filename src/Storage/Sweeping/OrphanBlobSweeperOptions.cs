namespace PubkyCluster.Storage.Sweeping;

/// <summary>How the orphan-blob sweeper paces itself (configuration section "Storage:OrphanSweep").</summary>
public sealed class OrphanBlobSweeperOptions
{
    public const string Section = "Storage:OrphanSweep";

    /// <summary>
    /// Only blobs created longer ago than this are candidates. A commit may name a blob for at most half of it
    /// (<c>Limits:MaxCommitDelay</c>); the other half absorbs clock skew between the processes and the store.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time between passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many candidates are examined per pass, so one pass never runs unbounded.</summary>
    public int MaxBlobsPerPass { get; set; } = 10_000;
}
