using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Pubky.Pkarr.Tests;

/// <summary>
/// A fake clock that also tells the test each timer the code under test starts (a delay, a timeout), in order, so the
/// test can move time exactly past it once it exists instead of sleeping and hoping.
/// </summary>
internal sealed class WatchedTime : FakeTimeProvider
{
    /// <summary>Any fixed instant will do; this one keeps packet timestamps realistic.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public WatchedTime()
        : base(DefaultStart)
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

    /// <summary>
    /// Waits for <paramref name="work"/>, moving the clock past each timer as soon as it starts (for code whose only
    /// timers are its own delays); returns their due times in order.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> RunSkippingTimersAsync(Task work, CancellationToken cancellationToken)
    {
        var skipped = new List<TimeSpan>();
        while (true)
        {
            var started = _started.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(work, started) == work)
            {
                await work;
                return skipped;
            }
            // Throws once the test runs out of patience, rather than spinning on a cancelled wait.
            await started;
            while (_started.Reader.TryRead(out var dueTime))
            {
                skipped.Add(dueTime);
                Advance(dueTime);
            }
        }
    }
}
