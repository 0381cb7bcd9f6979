namespace PubkyCluster.Storage.Ports;

/// <summary>The read side of the event log. Ids are gapless and become visible in commit order.</summary>
public interface IEventStore
{
    /// <summary>Events with id greater than <paramref name="afterId"/> whose path starts with <paramref name="pathPrefix"/>, ascending.</summary>
    Task<IReadOnlyList<EventRecord>> ReadFeedAsync(long afterId, int limit, string pathPrefix, CancellationToken cancellationToken = default);

    /// <summary>The id of the event created at exactly this microsecond, for legacy timestamp cursors.</summary>
    Task<long?> FindEventIdAtAsync(ulong createdAtMicros, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EventRecord>> ReadUsersAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every user's events by one global cursor, for the operator's firehose; private paths included.</summary>
    Task<IReadOnlyList<EventRecord>> ReadLogAsync(LogQuery query, CancellationToken cancellationToken = default);
}
