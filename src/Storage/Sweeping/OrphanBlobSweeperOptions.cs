namespace PubkyCluster.Storage.Sweeping;

/// <summary>How the orphan-blob sweeper paces itself.</summary>
public sealed class OrphanBlobSweeperOptions
{
    /// <summary>
    /// Only blobs older than this are candidates: a blob between its upload and its commit is unreferenced for a
    /// moment, and no live upload lasts anywhere near this long.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time between passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many candidates are examined per pass, so one pass never runs unbounded.</summary>
    public int MaxBlobsPerPass { get; set; } = 10_000;
}
