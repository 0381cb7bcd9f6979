using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// Both sides of a /link pairing. The channel lives in a grain so that producer and consumer may reach different
/// gateways; the HTTP request waits up to HttpRelay:TimeoutSeconds while each grain call waits at most
/// <see cref="RelayWait.MaxPoll"/>, well inside Orleans' response timeout. A side that times out or disconnects withdraws its
/// ticket, so a later counterpart does not hand its body to a request nobody is listening to. A gateway that starts
/// shutting down ends its waits at once the same way, answered as a timeout (which clients poll again, through another
/// gateway), rather than holding the shutdown for up to the whole relay timeout.
/// </summary>
public sealed partial class LinkRendezvous(
    IGrainFactory grains, IOptions<HttpRelayOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<LinkRendezvous> logger)
{
    public async Task<LinkOutcome> ConsumeAsync(string channelId, CancellationToken aborted)
    {
        var channel = grains.GetGrain<IHttpRelayChannelGrain>(channelId);
        var ticket = await channel.Consume();
        return await WaitAsync(channelId, channel, ticket, async wait =>
        {
            var poll = await channel.AwaitMessage(ticket, wait);
            return poll.Status switch
            {
                RelayPollStatus.Delivered => LinkOutcome.Delivered(poll.Body ?? []),
                RelayPollStatus.Displaced => LinkOutcome.Displaced,
                _ => null,
            };
        }, aborted);
    }

    public async Task<LinkOutcome> ProduceAsync(string channelId, byte[] body, CancellationToken aborted)
    {
        var channel = grains.GetGrain<IHttpRelayChannelGrain>(channelId);
        var ticket = await channel.Produce(body);
        return await WaitAsync(
            channelId, channel, ticket, async wait => await channel.AwaitDelivery(ticket, wait) ? LinkOutcome.Delivered() : null, aborted);
    }

    /// <summary>Waits for <paramref name="poll"/>'s outcome; a side that does not get one withdraws its ticket.</summary>
    private async Task<LinkOutcome> WaitAsync(
        string channelId, IHttpRelayChannelGrain channel, long ticket, Func<TimeSpan, Task<LinkOutcome?>> poll, CancellationToken aborted)
    {
        var timeout = options.Value.Timeout;
        var (outcome, end) = await RelayWait.PollAsync(clock, timeout, poll, aborted, lifetime.ApplicationStopping);
        if (end == RelayWaitEnd.Answered)
        {
            return outcome!;
        }
        await channel.Cancel(ticket);
        switch (end)
        {
            case RelayWaitEnd.Abandoned:
                LogAbandoned(channelId);
                return LinkOutcome.Abandoned;
            case RelayWaitEnd.Stopping:
                LogEndedByShutdown(channelId);
                return LinkOutcome.TimedOut;
            default:
                LogTimedOut(channelId, timeout);
                return LinkOutcome.TimedOut;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "http relay: a client of channel {ChannelId} disconnected while waiting")]
    private partial void LogAbandoned(string channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "http relay: channel {ChannelId} found no counterpart within {Timeout}")]
    private partial void LogTimedOut(string channelId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "http relay: the wait on channel {ChannelId} ended because the gateway is shutting down")]
    private partial void LogEndedByShutdown(string channelId);
}
