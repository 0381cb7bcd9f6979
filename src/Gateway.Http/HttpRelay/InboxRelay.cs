using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// The gateway's side of <c>/inbox/{id}</c>: the entry lives in the id's grain, so producer and reader may reach
/// different gateways; a read or ack wait long-polls it for up to HttpRelay:InboxTimeoutSeconds through
/// <see cref="RelayWait"/>. A wait that ends without an answer (timeout, client gone, gateway stopping) withdraws its
/// place among the inbox's waiters. A stopping gateway answers as a timeout, which clients poll again.
/// </summary>
public sealed partial class InboxRelay(
    IGrainFactory grains, IOptions<HttpRelayOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<InboxRelay> logger)
{
    /// <summary>Stores <paramref name="message"/>; <paramref name="place"/> (in the stored-inbox bound) is held until the entry expires.</summary>
    public async Task StoreAsync(string id, InboxMessage message, BoundEntry place)
    {
        var ttl = options.Value.InboxTtl;
        try
        {
            await Inbox(id).Store(message, ttl);
        }
        catch
        {
            place.Dispose();
            throw;
        }
        _ = ReleaseAtExpiryAsync(place, ttl);
    }

    public Task<bool> AckAsync(string id) => Inbox(id).Ack();

    public Task<bool?> IsAckedAsync(string id) => Inbox(id).IsAcked();

    /// <summary>The message (Delivered), Gone, Busy, or Waiting once the wait timed out; null when the client went away.</summary>
    public async Task<InboxPoll?> ReadAsync(string id, CancellationToken aborted)
    {
        var inbox = Inbox(id);
        return await WaitAsync(id, inbox, await inbox.WaitForMessage(options.Value.InboxWaitersPerId), aborted);
    }

    /// <summary>Acked, Gone, Busy, or Waiting once the wait timed out; null when the client went away.</summary>
    public async Task<InboxPoll?> AwaitAckAsync(string id, CancellationToken aborted)
    {
        var inbox = Inbox(id);
        return await WaitAsync(id, inbox, await inbox.WaitForAck(options.Value.InboxWaitersPerId), aborted);
    }

    private async Task ReleaseAtExpiryAsync(BoundEntry place, TimeSpan ttl)
    {
        using (place)
        {
            await Task.Delay(ttl, clock);
        }
    }

    private IHttpRelayInboxGrain Inbox(string id) => grains.GetGrain<IHttpRelayInboxGrain>(id);

    private async Task<InboxPoll?> WaitAsync(string id, IHttpRelayInboxGrain inbox, InboxPoll first, CancellationToken aborted)
    {
        if (first.Status != InboxPollStatus.Waiting)
        {
            return first;
        }
        var timeout = options.Value.InboxTimeout;
        var (answer, end) = await RelayWait.PollAsync(
            clock, timeout,
            async wait => await inbox.Await(first.Ticket, wait) is { Status: not InboxPollStatus.Waiting } poll ? poll : null,
            aborted, lifetime.ApplicationStopping);
        if (end == RelayWaitEnd.Answered)
        {
            return answer;
        }
        await inbox.Cancel(first.Ticket);
        switch (end)
        {
            case RelayWaitEnd.Abandoned:
                LogAbandoned(id);
                return null;
            case RelayWaitEnd.Stopping:
                LogEndedByShutdown(id);
                break;
            default:
                LogTimedOut(id, timeout);
                break;
        }
        return new InboxPoll(InboxPollStatus.Waiting);
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Debug, Message = "http relay: a client of inbox {InboxId} disconnected while waiting")]
    private partial void LogAbandoned(string inboxId);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Debug, Message = "http relay: a wait on inbox {InboxId} got no answer within {Timeout}")]
    private partial void LogTimedOut(string inboxId, TimeSpan timeout);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Debug, Message = "http relay: a wait on inbox {InboxId} ended because the gateway is shutting down")]
    private partial void LogEndedByShutdown(string inboxId);
}
