using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Events;

namespace PubkyCluster.Gateway.Tests.ClientApi;

public sealed class StreamWakeObserverTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>The observer never reads the event: it only wakes the stream, which re-reads the store.</summary>
    private static readonly EventView Committed = new(1, "user", IsDelete: true, "/pub/a", ContentHash: null, CreatedAtMicros: 0);

    private readonly WatchedTime _time = new();

    [Fact]
    public async Task A_wait_without_a_wake_up_ends_when_the_keep_alive_passes()
    {
        var observer = new StreamWakeObserver(_time);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var waiting = observer.WaitAsync(KeepAlive, CancellationToken.None);
        var armed = await _time.NextTimerAsync(patience.Token);
        _time.Advance(KeepAlive - TimeSpan.FromTicks(1));
        var stillWaiting = !waiting.IsCompleted;
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(KeepAlive, armed);
        Assert.True(stillWaiting);
        Assert.False(await waiting.WaitAsync(patience.Token));
    }

    [Fact]
    public async Task A_wake_up_ends_the_wait_without_time_passing()
    {
        var observer = new StreamWakeObserver(_time);

        await observer.OnEvent(Committed);

        Assert.True(await observer.WaitAsync(KeepAlive, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Wake_ups_while_nobody_waits_collapse_into_one()
    {
        var observer = new StreamWakeObserver(_time);
        await observer.OnEvent(Committed);
        await observer.OnEvent(Committed);

        Assert.True(await observer.WaitAsync(KeepAlive, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
        var second = observer.WaitAsync(KeepAlive, CancellationToken.None);
        _time.Advance(KeepAlive);

        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task The_end_of_the_streams_own_session_ends_it_and_another_sessions_does_not()
    {
        using var observer = new StreamWakeObserver(_time, "own-hash");

        await observer.OnSessionEnded("other-hash");
        var afterOther = observer.SessionEnded.IsCancellationRequested;
        await observer.OnSessionEnded("own-hash");

        Assert.False(afterOther);
        Assert.True(observer.SessionEnded.IsCancellationRequested);
    }

    [Fact]
    public async Task A_stream_opened_without_a_session_is_never_ended_by_one()
    {
        using var observer = new StreamWakeObserver(_time);

        await observer.OnSessionEnded("any-hash");

        Assert.False(observer.SessionEnded.IsCancellationRequested);
    }
}
