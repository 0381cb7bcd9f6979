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
        : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starting at <paramref name="start"/>, e.g. now, for tests that also sign AuthTokens with the real clock.</summary>
    public WatchedTime(DateTimeOffset start)
        : base(start)
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

    /// <summary>Forgets the timers started so far, so the next <see cref="NextTimerAsync"/> is one started after this.</summary>
    public void ForgetStartedTimers()
    {
        while (_started.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits until a timer due in exactly <paramref name="due"/> is started (e.g. a loop's next wait).</summary>
    public async Task TimerStartedAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        while (await NextTimerAsync(cancellationToken) != due)
        {
        }
    }

    /// <summary>
    /// Starts <paramref name="start"/>'s work and moves time past each short timer (at most <paramref name="longest"/>;
    /// longer ones belong to background work) started until it completes; returns its result and how much fake time that took.
    /// Timers started before are forgotten first. Bounded by 30 s of real time.
    /// </summary>
    public async Task<(T Result, TimeSpan Advanced)> AdvanceUntilAsync<T>(Func<Task<T>> start, TimeSpan longest)
    {
        ForgetStartedTimers();
        var work = start();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var advanced = TimeSpan.Zero;
        while (!work.IsCompleted)
        {
            var next = NextTimerAsync(giveUp.Token);
            if (await Task.WhenAny(work, next) == work)
            {
                break;
            }
            var due = await next;
            if (due > TimeSpan.Zero && due <= longest)
            {
                Advance(due);
                advanced += due;
            }
        }
        return (await work, advanced);
    }
}
