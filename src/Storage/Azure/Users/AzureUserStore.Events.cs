using Azure.Data.Tables;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>The read side of the event log: the global feed, per-user streams and legacy timestamp cursors.</summary>
public sealed partial class AzureUserStore
{
    /// <summary>
    /// A forward range scan of the log partition from <paramref name="afterId"/>. The prefix is checked here (ordinal,
    /// so literal), which means a narrow prefix reads the events it skips: cost O(events scanned), not O(limit).
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> ReadFeedAsync(
        long afterId, int limit, string pathPrefix, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        await _tables.InitializeAsync(cancellationToken);
        var events = new List<EventRecord>(Math.Min(limit, 1000));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {UserRows.LogPartition} and RowKey gt {UserRows.EventKey(Math.Max(afterId, 0))} and RowKey lt {UserRows.EventEnd}");
        await foreach (var row in _tables.Events
                           .QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken)
                           )
        {
            var view = ToEvent(row, TableValues.GetRequiredString(row, UserRows.User), UserRows.EventPrefix);
            if (view.Path.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                events.Add(view);
                if (events.Count == limit)
                {
                    break;
                }
            }
        }

        return events;
    }

    /// <summary>
    /// Ids and times both strictly increase, so a binary search over the ids by point reads finds the one event with
    /// that time: O(log events) reads.
    /// </summary>
    public async Task<long?> FindEventIdAtAsync(ulong createdAtMicros, CancellationToken cancellationToken = default)
    {
        if (createdAtMicros > long.MaxValue)
        {
            return null;
        }

        await _tables.InitializeAsync(cancellationToken);
        if (await ReadLastIdAsync(cancellationToken) is not { } high)
        {
            return null;
        }

        var target = (long)createdAtMicros;
        long low = 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var probe = await _tables.Events
                .GetEntityAsync<TableEntity>(UserRows.LogPartition, UserRows.EventKey(middle), [UserRows.CreatedAt], cancellationToken)
                ;
            var createdAt = TableValues.GetRequiredInt64(probe.Value, UserRows.CreatedAt);
            if (createdAt == target)
            {
                return middle;
            }

            if (createdAt < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    /// <summary>
    /// Per user, a range scan of that user's index (the ascending or the descending one) from its cursor, path filters
    /// checked here; then the pages are merged by id. Cost per user: the index rows scanned until <c>limit</c> match.
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> ReadUsersAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit <= 0 || query.UserCursors.Count == 0)
        {
            return [];
        }

        await _tables.InitializeAsync(cancellationToken);
        var pages = await Task.WhenAll(query.UserCursors.Select(
            pair => ReadUserIndexAsync(pair.Key, pair.Value, query, cancellationToken)));
        var merged = pages.SelectMany(page => page);
        merged = query.Reverse ? merged.OrderByDescending(e => e.Id) : merged.OrderBy(e => e.Id);
        return [.. merged.Take(query.Limit)];
    }

    /// <summary>
    /// Forwards, a range scan of the log partition from the cursor. Backwards (tables scan only forwards), windows of
    /// ids below the cursor, each scanned forwards and taken newest first, doubling while the filters match too few.
    /// Filters are checked here, so the cost is O(events scanned); it serves only the operator's stream.
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> ReadLogAsync(LogQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit <= 0)
        {
            return [];
        }

        await _tables.InitializeAsync(cancellationToken);
        if (!query.Reverse)
        {
            return await ScanLogAsync(Math.Max(query.Cursor ?? 0, 0) + 1, null, query, cancellationToken);
        }

        if (await ReadLastIdAsync(cancellationToken) is not { } lastId)
        {
            return [];
        }

        var events = new List<EventRecord>();
        var high = Math.Min(query.Cursor is { } cursor ? cursor - 1 : lastId, lastId);
        var window = (long)Math.Min(Math.Max(query.Limit, 100), MaxLogWindow);
        while (high >= 1 && events.Count < query.Limit)
        {
            var low = Math.Max(1, high - window + 1);
            var found = await ScanLogAsync(low, high, query with { Limit = int.MaxValue }, cancellationToken);
            events.AddRange(Enumerable.Reverse(found).Take(query.Limit - events.Count));
            high = low - 1;
            window = Math.Min(window * 2, MaxLogWindow);
        }

        return events;
    }

    /// <summary>The widest id window one backwards step scans.</summary>
    private const int MaxLogWindow = 10_000;

    /// <summary>The log's events with ids in [<paramref name="low"/>, <paramref name="high"/>] (no upper bound when null) that match the filters, ascending, at most the query's limit.</summary>
    private async Task<List<EventRecord>> ScanLogAsync(long low, long? high, LogQuery query, CancellationToken cancellationToken)
    {
        var upper = high is { } last
            ? TableClient.CreateQueryFilter($"RowKey le {UserRows.EventKey(last)}")
            : TableClient.CreateQueryFilter($"RowKey lt {UserRows.EventEnd}");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UserRows.LogPartition} and RowKey ge {UserRows.EventKey(low)}") + " and " + upper;
        var events = new List<EventRecord>();
        await foreach (var row in _tables.Events
                           .QueryAsync<TableEntity>(filter, maxPerPage: (int)Math.Min(query.Limit, 1000), cancellationToken: cancellationToken))
        {
            var view = ToEvent(row, TableValues.GetRequiredString(row, UserRows.User), UserRows.EventPrefix);
            if (MatchesAny(view.Path, query.PathFilters))
            {
                events.Add(view);
                if (events.Count == query.Limit)
                {
                    break;
                }
            }
        }

        return events;
    }

    /// <summary>The id of the newest event, from the sequence row; null while the log is empty.</summary>
    private async Task<long?> ReadLastIdAsync(CancellationToken cancellationToken)
    {
        var sequence = await _tables.Events
            .GetEntityIfExistsAsync<TableEntity>(UserRows.LogPartition, UserRows.SequenceRow, cancellationToken: cancellationToken);
        return sequence.HasValue && sequence.Value is { } row ? TableValues.GetRequiredInt64(row, UserRows.LastId) : null;
    }

    private async Task<List<EventRecord>> ReadUserIndexAsync(string user, long? cursor, EventQuery query, CancellationToken cancellationToken)
    {
        var page = new List<EventRecord>();
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition) || (query.Reverse && cursor <= 1))
        {
            return page;
        }

        var prefix = query.Reverse ? UserRows.ReverseIndexPrefix : UserRows.ForwardIndexPrefix;
        var upper = query.Reverse ? UserRows.IndexEnd : UserRows.ReverseIndexPrefix;
        var lower = cursor switch
        {
            null => TableClient.CreateQueryFilter($"RowKey ge {prefix}"),
            { } bound when query.Reverse => TableClient.CreateQueryFilter($"RowKey gt {UserRows.ReverseIndexKey(bound)}"),
            { } bound => TableClient.CreateQueryFilter($"RowKey gt {UserRows.ForwardIndexKey(Math.Max(bound, 0))}"),
        };
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {upper}") + " and " + lower;
        await foreach (var row in _tables.Users
                           .QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.Limit, 1000), cancellationToken: cancellationToken)
                           )
        {
            var view = ToEvent(row, user, prefix);
            if (MatchesAny(view.Path, query.PathFilters))
            {
                page.Add(view);
                if (page.Count == query.Limit)
                {
                    break;
                }
            }
        }

        return page;
    }

    /// <summary>A filter ending in '/' matches the paths under it, any other exactly its path; no filters match everything.</summary>
    private static bool MatchesAny(string path, IReadOnlyList<string> filters) =>
        filters.Count == 0
        || filters.Any(filter => filter.EndsWith('/')
            ? path.StartsWith(filter, StringComparison.Ordinal)
            : string.Equals(path, filter, StringComparison.Ordinal));

    /// <summary>An event from a log row (id in the key) or an index row (id in <see cref="UserRows.EventId"/>).</summary>
    private static EventRecord ToEvent(TableEntity row, string user, string keyPrefix) =>
        new(
            row.GetInt64(UserRows.EventId) ?? long.Parse(row.RowKey.AsSpan(keyPrefix.Length), System.Globalization.CultureInfo.InvariantCulture),
            user,
            row.GetBoolean(UserRows.IsDelete) ?? false,
            TableValues.GetRequiredString(row, UserRows.Path),
            row.GetBinary(UserRows.ContentHash),
            (ulong)TableValues.GetRequiredInt64(row, UserRows.CreatedAt));
}
