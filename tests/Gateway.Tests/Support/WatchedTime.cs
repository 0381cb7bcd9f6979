using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>
/// A fake clock that also tells the test each timer the code under test starts, in order, so the test moves time
/// exactly past a delay once it exists instead of sleeping through it.
/// </summary>
public sealed class WatchedTime : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public WatchedTime()
        : base(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _started.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer started, waiting for one if none has been yet.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) =>
        await _started.Reader.ReadAsync(cancellationToken);
}
