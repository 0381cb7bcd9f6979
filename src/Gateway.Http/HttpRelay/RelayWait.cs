namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>How a polled relay wait ended.</summary>
public enum RelayWaitEnd
{
    /// <summary>A poll gave an answer.</summary>
    Answered,

    /// <summary>The HTTP wait's time passed first.</summary>
    TimedOut,

    /// <summary>The client went away.</summary>
    Abandoned,

    /// <summary>The gateway started shutting down.</summary>
    Stopping,
}

/// <summary>
/// An HTTP request's wait on a relay grain (/link or /inbox), split into grain calls of at most <see cref="MaxPoll"/>,
/// well inside Orleans' response timeout, while the request itself may wait far longer.
/// </summary>
public static class RelayWait
{
    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(20);

    /// <summary>Polls until <paramref name="poll"/> gives an answer (null = still waiting), the timeout passes, the client leaves or the gateway stops.</summary>
    public static async Task<(T? Answer, RelayWaitEnd End)> PollAsync<T>(
        TimeProvider clock, TimeSpan timeout, Func<TimeSpan, Task<T?>> poll, CancellationToken aborted, CancellationToken stopping)
        where T : class
    {
        var started = clock.GetTimestamp();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            for (var remaining = timeout; remaining > TimeSpan.Zero; remaining = timeout - clock.GetElapsedTime(started))
            {
                if (await poll(remaining < MaxPoll ? remaining : MaxPoll).WaitAsync(ending.Token) is { } answer)
                {
                    return (answer, RelayWaitEnd.Answered);
                }
            }
            return (null, RelayWaitEnd.TimedOut);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return (null, RelayWaitEnd.Abandoned);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return (null, RelayWaitEnd.Stopping);
        }
    }
}
