namespace PubkyCluster.Grains.HttpRelay;

/// <summary>
/// Where a wait on an inbox stands. <see cref="Ticket"/> names a registered wait (<see cref="InboxPollStatus.Waiting"/>
/// from a Wait call); <see cref="Message"/> is set when <see cref="InboxPollStatus.Delivered"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.InboxPoll")]
public sealed record InboxPoll(
    [property: Id(0)] InboxPollStatus Status,
    [property: Id(1)] InboxMessage? Message = null,
    [property: Id(2)] long Ticket = 0);

public enum InboxPollStatus
{
    /// <summary>Nothing yet: keep waiting (or, once the HTTP wait is over, 408).</summary>
    Waiting,

    /// <summary>A message is there (a reader's wait).</summary>
    Delivered,

    /// <summary>The message was acknowledged (an ack waiter's wait).</summary>
    Acked,

    /// <summary>
    /// The entry is not there or went away while waiting: it expired, or (for an ack waiter) a new POST replaced the
    /// message it waited on. The reference answers a reader 404 <c>Entry expired</c>, an ack waiter 404 <c>Not found</c>.
    /// </summary>
    Gone,

    /// <summary>The inbox already has as many waiters of this kind as allowed (503).</summary>
    Busy,
}
