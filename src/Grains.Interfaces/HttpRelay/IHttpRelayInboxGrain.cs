namespace PubkyCluster.Grains.HttpRelay;

/// <summary>
/// One <c>/inbox/{id}</c> of the http relay (pubky/http-relay v0.7.0: src/http_relay/inbox_handler.rs), keyed by its
/// id: a stored message that readers fetch without consuming it, and an acknowledgement its producer waits for. Held by
/// a grain so that producer and reader may reach different gateways. Waits are registered once and then polled in
/// short calls, as /link's are, so a grain call ends well within the messaging timeout and a wait keeps its place
/// among the waiters between polls.
/// </summary>
[Alias("pubky.IHttpRelayInboxGrain")]
public interface IHttpRelayInboxGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="message"/> for <paramref name="ttl"/>, replacing any earlier one and its acknowledgement.</summary>
    [Alias("Store")]
    Task Store(InboxMessage message, TimeSpan ttl);

    /// <summary>The message if there is one (Delivered); else a registered wait (Waiting, with its ticket), or Busy.</summary>
    [Alias("WaitForMessage")]
    Task<InboxPoll> WaitForMessage(int maxWaiters);

    /// <summary>Acked at once if already acknowledged; Gone without an entry; else a registered wait (Waiting) or Busy.</summary>
    [Alias("WaitForAck")]
    Task<InboxPoll> WaitForAck(int maxWaiters);

    /// <summary>How the wait <paramref name="ticket"/> ended, or Waiting when <paramref name="wait"/> passed first.</summary>
    [Alias("Await")]
    Task<InboxPoll> Await(long ticket, TimeSpan wait);

    /// <summary>Withdraws a wait whose HTTP request timed out or went away.</summary>
    [Alias("Cancel")]
    Task Cancel(long ticket);

    /// <summary>Acknowledges: clears the message, keeps the entry until it expires. False when there is no entry.</summary>
    [Alias("Ack")]
    Task<bool> Ack();

    /// <summary>Whether the entry was acknowledged; null when there is no entry.</summary>
    [Alias("IsAcked")]
    Task<bool?> IsAcked();
}
