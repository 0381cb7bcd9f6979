namespace PubkyCluster.Grains.HttpRelay;

/// <summary>
/// One /link rendezvous channel, keyed by its id: a producer's body is handed to one consumer. Held by a grain so that
/// producer and consumer may reach different gateways. Waits are split into short polls because a grain call must end
/// well within the messaging timeout, while the HTTP side may wait up to ten minutes.
/// </summary>
[Alias("pubky.IHttpRelayChannelGrain")]
public interface IHttpRelayChannelGrain : IGrainWithStringKey
{
    /// <summary>Offers a body; it replaces a body still waiting. Returns the producer's ticket.</summary>
    [Alias("Produce")]
    Task<long> Produce(byte[] body);

    /// <summary>True once the body of <paramref name="ticket"/> reached a consumer; false when <paramref name="wait"/> passed first.</summary>
    [Alias("AwaitDelivery")]
    Task<bool> AwaitDelivery(long ticket, TimeSpan wait);

    /// <summary>Registers as the consumer, displacing an earlier one. Returns the consumer's ticket.</summary>
    [Alias("Consume")]
    Task<long> Consume();

    /// <summary>The delivered body, or a still-pending or displaced status after at most <paramref name="wait"/>.</summary>
    [Alias("AwaitMessage")]
    Task<RelayPoll> AwaitMessage(long ticket, TimeSpan wait);

    /// <summary>Withdraws a waiting producer or consumer (its HTTP request timed out or went away).</summary>
    [Alias("Cancel")]
    Task Cancel(long ticket);
}
