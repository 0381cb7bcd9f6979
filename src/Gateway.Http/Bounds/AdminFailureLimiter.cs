using System.Net;

namespace PubkyCluster.Gateway.Bounds;

/// <summary>
/// Counts wrong admin passwords per client address in a window that starts at the address's first failure. Once an
/// address has used up its failures, its admin requests get 429 until the window has passed, whatever password they
/// carry, so guessing cannot go on; then it starts afresh, so an operator behind the same address is never locked out
/// for good. Windows that have passed are dropped as the table grows, so it holds only recent failures.
/// </summary>
public sealed partial class AdminFailureLimiter(IOptions<BoundsOptions> options, TimeProvider clock, HomeserverMetrics metrics, ILogger<AdminFailureLimiter> logger)
{
    private const int FirstPrune = 1024;

    private readonly Dictionary<IPAddress, FailureWindow> _windows = [];
    private readonly Lock _lock = new();
    private int _pruneAt = FirstPrune;

    private int Limit => options.Value.AdminFailuresPerAddress;

    private TimeSpan Window => options.Value.AdminFailureWindow;

    /// <summary>How long <paramref name="address"/> must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var key = ClientAddressKey.Of(address);
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var window) || window.Failures < Limit)
            {
                return null;
            }
            var remaining = Window - clock.GetElapsedTime(window.StartedAt);
            if (remaining <= TimeSpan.Zero)
            {
                _windows.Remove(key);
                return null;
            }
            metrics.BoundRefused(BoundedResource.AdminFailures.MetricTag());
            return remaining;
        }
    }

    public void RecordFailure(IPAddress? address)
    {
        var key = ClientAddressKey.Of(address);
        var now = clock.GetTimestamp();
        lock (_lock)
        {
            if (_windows.Count >= _pruneAt)
            {
                Prune();
            }
            var window = _windows.TryGetValue(key, out var open) && clock.GetElapsedTime(open.StartedAt) < Window
                ? open with { Failures = open.Failures + 1 }
                : new FailureWindow(now, 1);
            _windows[key] = window;
            if (window.Failures == Limit)
            {
                LogLockedOut(key, window.Failures, Window);
            }
        }
    }

    private void Prune()
    {
        foreach (var (key, window) in _windows)
        {
            if (clock.GetElapsedTime(window.StartedAt) >= Window)
            {
                _windows.Remove(key);
            }
        }
        _pruneAt = Math.Max(FirstPrune, 2 * _windows.Count);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "admin API: {Address} sent {Failures} wrong passwords; its admin requests get 429 until {Window} after its first")]
    private partial void LogLockedOut(IPAddress address, int failures, TimeSpan window);

    private readonly record struct FailureWindow(long StartedAt, int Failures);
}
