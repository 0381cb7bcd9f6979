using System.Threading.Channels;
using PubkyCluster.Grains.Events;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Receives "something was committed" from user grains. It carries no events itself: the stream re-reads the store
/// from its cursors, so a lost or reordered notification can delay an event but never lose or skip one, and a slow
/// client never makes anything queue up (the signal holds at most one pending wake-up).
/// </summary>
internal sealed class StreamWakeObserver(TimeProvider clock) : IUserEventObserver
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public Task OnEvent(EventView committed)
    {
        _wake.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
