namespace PubkyCluster.Grains.RateLimiting;

/// <summary>
/// One rate-limit bucket, keyed by rule and client (<c>{rule}|ip:{address}</c> or <c>{rule}|user:{z32}</c>). Every
/// gateway asks the same activation, and its calls run one at a time, so a limit holds for the cluster as a whole.
/// </summary>
[Alias("pubky.IRateLimitBucketGrain")]
public interface IRateLimitBucketGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one request from the bucket: <see cref="TimeSpan.Zero"/> when admitted, otherwise (nothing taken) how long
    /// until a request would be.
    /// </summary>
    [Alias("TryAcquire")]
    Task<TimeSpan> TryAcquire(RequestQuota quota);
}
