using Pubky.Protocol.Quotas;

namespace PubkyCluster.Gateway.Throttling;

/// <summary>
/// This gateway's buckets, one per key and direction (<c>user:&lt;z32&gt;</c>, or <c>ip:&lt;address&gt;</c> for reads
/// without the owner's session). Per gateway, not cluster-wide: a client spread over n gateways may get n times its
/// rate. A bucket whose rate changed (an admin override) starts afresh; full buckets are dropped as the table grows,
/// since a full bucket is the same as none.
/// </summary>
public sealed class BandwidthBuckets(TimeProvider clock, HomeserverMetrics metrics)
{
    private const int FirstPrune = 4096;

    private readonly Dictionary<(string Key, ThrottleDirection Direction), TokenBucket> _buckets = [];
    private readonly Lock _lock = new();
    private int _pruneAt = FirstPrune;

    /// <summary>A throttle for one request of <paramref name="key"/>, or null when <paramref name="rate"/> is unlimited.</summary>
    public RequestThrottle? For(string key, ThrottleDirection direction, Bandwidth? rate)
    {
        if (rate is not { } bandwidth)
        {
            return null;
        }
        TokenBucket bucket;
        lock (_lock)
        {
            if (!_buckets.TryGetValue((key, direction), out bucket!) || bucket.Bandwidth != bandwidth)
            {
                if (_buckets.Count >= _pruneAt)
                {
                    Prune();
                }
                bucket = new TokenBucket(bandwidth, clock);
                _buckets[(key, direction)] = bucket;
            }
        }
        return new RequestThrottle(bucket, direction, clock, metrics);
    }

    private void Prune()
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull)
            {
                _buckets.Remove(key);
            }
        }
        _pruneAt = Math.Max(FirstPrune, 2 * _buckets.Count);
    }
}
