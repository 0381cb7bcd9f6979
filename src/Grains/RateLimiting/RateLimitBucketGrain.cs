namespace PubkyCluster.Grains.RateLimiting;

/// <summary>
/// A GCRA bucket whose whole state is the theoretical arrival time. It is kept in memory, not persisted: a write per
/// request would cost more than the request it limits. The activation lives in a silo, so gateway restarts keep it,
/// and it delays its own deactivation until the bucket is full again, so idle collection never forgets a debt. A silo
/// crash forgets the buckets it held (their clients start full), as it forgets any in-memory state.
/// </summary>
public sealed class RateLimitBucketGrain(TimeProvider clock) : Grain, IRateLimitBucketGrain
{
    // Time is counted in ticks × rate, so that one request costs exactly a window's ticks and n requests refill in
    // exactly one window: no rounding of window / n either way.
    private Int128 _theoreticalArrival = Int128.MinValue;

    public Task<TimeSpan> TryAcquire(RequestQuota quota)
    {
        var rate = (Int128)quota.Rate;
        var now = clock.GetUtcNow().UtcTicks * rate;
        var cost = (Int128)quota.Window.Ticks;
        var tolerance = cost * (quota.Burst - 1);
        var arrival = Int128.Max(_theoreticalArrival, now);
        var ahead = arrival - now;
        if (ahead > tolerance)
        {
            return Task.FromResult(TimeSpan.FromTicks((long)((ahead - tolerance + rate - 1) / rate)));
        }
        _theoreticalArrival = arrival + cost;
        this.DelayDeactivation(TimeSpan.FromTicks((long)((_theoreticalArrival - now) / rate)));
        return Task.FromResult(TimeSpan.Zero);
    }
}
