using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>Every user's events by one global cursor (null: from the start, or the end when reversed).</summary>
internal sealed class LogCursorSource(IEventStore events, long? cursor, IReadOnlyList<string> pathFilters, bool reverse) : IEventPageSource
{
    private long? _cursor = cursor;

    public Task<IReadOnlyList<EventRecord>> ReadAsync(int limit, CancellationToken cancellationToken) =>
        events.ReadLogAsync(new LogQuery(_cursor, pathFilters, reverse, limit), cancellationToken);

    public void Advance(EventRecord sent) => _cursor = sent.Id;
}
