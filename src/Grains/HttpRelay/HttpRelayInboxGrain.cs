using Orleans.Concurrency;

namespace PubkyCluster.Grains.HttpRelay;

/// <summary>
/// An http relay inbox held in memory (the reference's is in memory unless it is built with persistence). Reentrant
/// so that waits overlap with the calls that end them. Semantics of pubky/http-relay v0.7.0
/// (src/http_relay/waiting_list.rs): a POST replaces the message and its acknowledgement, answers every waiting reader
/// and drops every ack waiter; reading does not consume; an ack clears the message but keeps the entry, so its status
/// can still be asked for, until the entry expires a TTL after the POST. The reference notices expiry in a sweep every
/// 15 s; here a timer on the grain's clock ends the waits at the moment of expiry, and the grain then deactivates.
/// </summary>
[Reentrant]
public sealed class HttpRelayInboxGrain(TimeProvider clock) : Grain, IHttpRelayInboxGrain
{
    private readonly Dictionary<long, Waiter> _waiters = [];
    private long _lastTicket;
    private Entry? _entry;
    private CancellationTokenSource? _expiry;

    /// <summary>The entry unless it has expired (a timer removes it too, but a call may come first).</summary>
    private Entry? Live => _entry is { } entry && clock.GetUtcNow() < entry.ExpiresAt ? entry : null;

    public Task Store(InboxMessage message, TimeSpan ttl)
    {
        _entry = new Entry(message, Acked: false, clock.GetUtcNow() + ttl);
        EndWaits(WaitKind.Message, new InboxPoll(InboxPollStatus.Delivered, message));
        EndWaits(WaitKind.Ack, new InboxPoll(InboxPollStatus.Gone));
        _expiry?.Cancel();
        _expiry?.Dispose();
        _expiry = new CancellationTokenSource();
        _ = ExpireAsync(ttl, _expiry.Token);
        // Idle collection must not take the message before it expires.
        DelayDeactivation(ttl);
        return Task.CompletedTask;
    }

    public Task<InboxPoll> WaitForMessage(int maxWaiters) =>
        Task.FromResult(Live?.Message is { } message ? new InboxPoll(InboxPollStatus.Delivered, message) : Register(WaitKind.Message, maxWaiters));

    public Task<InboxPoll> WaitForAck(int maxWaiters) => Task.FromResult(Live switch
    {
        null => new InboxPoll(InboxPollStatus.Gone),
        { Acked: true } => new InboxPoll(InboxPollStatus.Acked),
        _ => Register(WaitKind.Ack, maxWaiters),
    });

    public async Task<InboxPoll> Await(long ticket, TimeSpan wait)
    {
        if (!_waiters.TryGetValue(ticket, out var waiter))
        {
            return new InboxPoll(InboxPollStatus.Gone);
        }
        try
        {
            var ended = await waiter.Result.Task.WaitAsync(wait, clock);
            _waiters.Remove(ticket);
            DeactivateWhenUnused();
            return ended;
        }
        catch (TimeoutException)
        {
            return new InboxPoll(InboxPollStatus.Waiting);
        }
    }

    public Task Cancel(long ticket)
    {
        _waiters.Remove(ticket);
        DeactivateWhenUnused();
        return Task.CompletedTask;
    }

    public Task<bool> Ack()
    {
        if (Live is not { } entry)
        {
            return Task.FromResult(false);
        }
        if (!entry.Acked)
        {
            _entry = entry with { Message = null, Acked = true };
            EndWaits(WaitKind.Ack, new InboxPoll(InboxPollStatus.Acked));
        }
        return Task.FromResult(true);
    }

    public Task<bool?> IsAcked() => Task.FromResult(Live?.Acked);

    private InboxPoll Register(WaitKind kind, int maxWaiters)
    {
        if (_waiters.Values.Count(w => w.Kind == kind && !w.Result.Task.IsCompleted) >= maxWaiters)
        {
            return new InboxPoll(InboxPollStatus.Busy);
        }
        var ticket = ++_lastTicket;
        _waiters[ticket] = new Waiter(kind, new TaskCompletionSource<InboxPoll>(TaskCreationOptions.RunContinuationsAsynchronously));
        return new InboxPoll(InboxPollStatus.Waiting, Ticket: ticket);
    }

    /// <summary>Answers the waits of <paramref name="kind"/>; each stays until its next poll collects the answer.</summary>
    private void EndWaits(WaitKind kind, InboxPoll answer)
    {
        foreach (var waiter in _waiters.Values.Where(w => w.Kind == kind))
        {
            waiter.Result.TrySetResult(answer);
        }
    }

    /// <summary>Runs on the grain's scheduler: an await inside a grain resumes there.</summary>
    private async Task ExpireAsync(TimeSpan ttl, CancellationToken replaced)
    {
        try
        {
            await Task.Delay(ttl, clock, replaced);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _entry = null;
        EndWaits(WaitKind.Message, new InboxPoll(InboxPollStatus.Gone));
        EndWaits(WaitKind.Ack, new InboxPoll(InboxPollStatus.Gone));
        DeactivateWhenUnused();
    }

    private void DeactivateWhenUnused()
    {
        if (Live is null && _waiters.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    private enum WaitKind
    {
        Message,
        Ack,
    }

    private sealed record Waiter(WaitKind Kind, TaskCompletionSource<InboxPoll> Result);

    private sealed record Entry(InboxMessage? Message, bool Acked, DateTimeOffset ExpiresAt);
}
