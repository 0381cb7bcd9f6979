using Pubky.Protocol.Quotas;

namespace PubkyCluster.Gateway.Throttling;

/// <summary>
/// Bytes refill at the bandwidth's rate, up to one period's worth (the reference's bucket size: its rate, in the
/// rate's unit). Taking more than the bucket holds runs it into debt, and the debt is how long the taker must wait:
/// so a chunk larger than the bucket is still sent, just later, and the long-run rate holds.
/// </summary>
public sealed class TokenBucket(Bandwidth bandwidth, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private double _tokens = bandwidth.BytesPerPeriod;
    private long _updatedAt = clock.GetTimestamp();

    public Bandwidth Bandwidth => bandwidth;

    /// <summary>Takes <paramref name="bytes"/> and says how long to wait before passing them on (zero while the bucket has them).</summary>
    public TimeSpan Take(long bytes)
    {
        lock (_lock)
        {
            Refill();
            _tokens -= bytes;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / bandwidth.BytesPerSecond);
        }
    }

    /// <summary>A full bucket behaves exactly like a new one, so it may be dropped.</summary>
    public bool IsFull
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= bandwidth.BytesPerPeriod;
            }
        }
    }

    private void Refill()
    {
        var now = clock.GetTimestamp();
        _tokens = Math.Min(bandwidth.BytesPerPeriod, _tokens + clock.GetElapsedTime(_updatedAt, now).TotalSeconds * bandwidth.BytesPerSecond);
        _updatedAt = now;
    }
}
