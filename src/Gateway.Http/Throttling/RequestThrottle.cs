namespace PubkyCluster.Gateway.Throttling;

/// <summary>
/// One request's share of a bucket: it waits (through the clock, so tests move fake time) for what the bucket says,
/// and is counted as throttled once, the first time it has to wait.
/// </summary>
public sealed class RequestThrottle(TokenBucket bucket, ThrottleDirection direction, TimeProvider clock, HomeserverMetrics metrics)
{
    private bool _counted;

    public async ValueTask PassAsync(long bytes, CancellationToken cancellationToken)
    {
        var wait = bucket.Take(bytes);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }
        if (!_counted)
        {
            _counted = true;
            metrics.Throttled(direction == ThrottleDirection.Read ? "read" : "write");
        }
        await Task.Delay(wait, clock, cancellationToken);
    }
}
