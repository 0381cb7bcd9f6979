using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>Where an event stream reads its next page from, and the cursors it moves past each event sent.</summary>
public interface IEventPageSource
{
    /// <summary>At most <paramref name="limit"/> events past the cursors, in the stream's order.</summary>
    Task<IReadOnlyList<EventRecord>> ReadAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Moves the cursors past <paramref name="sent"/>, so no event is sent twice.</summary>
    void Advance(EventRecord sent);
}

/// <summary>Some users' events, each user from a cursor of its own (null: from the start, or the end when reversed).</summary>
public sealed class UserCursorsSource(
    IEventStore events, Dictionary<string, long?> cursors, IReadOnlyList<string> pathFilters, bool reverse) : IEventPageSource
{
    public Task<IReadOnlyList<EventRecord>> ReadAsync(int limit, CancellationToken cancellationToken) =>
        events.ReadUsersAsync(new EventQuery(cursors, pathFilters, reverse, limit), cancellationToken);

    public void Advance(EventRecord sent) => cursors[sent.User] = sent.Id;
}
