using System.Threading.Channels;
using PubkyCluster.Grains.Events;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Receives "something was committed" from user grains. It carries no events itself: the stream re-reads the store
/// from its cursors, so a lost or reordered notification can delay an event but never lose or skip one, and a slow
/// client never makes anything queue up (the signal holds at most one pending wake-up). A private stream also gives
/// the hash of the session it was opened with, and <see cref="SessionEnded"/> fires when a grain says that one ended.
/// </summary>
internal sealed class StreamWakeObserver(TimeProvider clock, string? sessionSecretHash = null) : IUserEventObserver, IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly CancellationTokenSource _sessionEnded = new();

    /// <summary>Cancelled once the stream's session ended; never for a stream opened without one.</summary>
    public CancellationToken SessionEnded => _sessionEnded.Token;

    public Task OnEvent(EventView committed)
    {
        _wake.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    public Task OnSessionEnded(string ended)
    {
        if (sessionSecretHash is not null && ended == sessionSecretHash)
        {
            try
            {
                _sessionEnded.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A notice that arrives after its stream ended has nothing left to end.
            }
        }
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

    public void Dispose() => _sessionEnded.Dispose();
}
