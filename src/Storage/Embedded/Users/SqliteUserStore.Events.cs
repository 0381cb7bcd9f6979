using System.Text;
using Microsoft.Data.Sqlite;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Users;

/// <summary>The read side of the event log: the global feed, per-user streams and legacy timestamp cursors.</summary>
public sealed partial class SqliteUserStore
{
    private const string EventColumns = "id, user_key, kind, path, content_hash, created_at";

    /// <summary>A scan of the id order from <paramref name="afterId"/>; the prefix is a literal range, not a pattern.</summary>
    public Task<IReadOnlyList<EventRecord>> ReadFeedAsync(
        long afterId, int limit, string pathPrefix, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<EventRecord>>([]);
        }

        return database.ReadAsync(
            async (connection, token) =>
            {
                var parameters = new List<(string Name, object? Value)>
                {
                    ("$after", afterId),
                    ("$limit", limit),
                };
                var filter = pathPrefix.Length == 0 ? "" : "AND " + PrefixFilter("$prefix", pathPrefix, parameters);
                return await QueryEventsAsync(
                    connection,
                    $"SELECT {EventColumns} FROM events WHERE id > $after {filter} ORDER BY id LIMIT $limit",
                    parameters,
                    token);
            },
            cancellationToken);
    }

    /// <summary>The smallest id among events with that exact time (times are unique once committed here).</summary>
    public Task<long?> FindEventIdAtAsync(ulong createdAtMicros, CancellationToken cancellationToken = default)
    {
        if (createdAtMicros > long.MaxValue)
        {
            return Task.FromResult<long?>(null);
        }

        return database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT id FROM events WHERE created_at = $created_at ORDER BY id LIMIT 1");
                command.Parameters.Bind("$created_at", (long)createdAtMicros);
                return await command.ExecuteScalarAsync(token) is long id ? id : (long?)null;
            },
            cancellationToken);
    }

    /// <summary>
    /// One query: per user a seek on (user, id) from that user's bound, limited, then the union ordered by id and
    /// limited again, so a page costs at most users × limit rows whatever the length of the log.
    /// </summary>
    public Task<IReadOnlyList<EventRecord>> ReadUsersAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit <= 0 || query.UserCursors.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<EventRecord>>([]);
        }

        return database.ReadAsync(
            async (connection, token) =>
            {
                var parameters = new List<(string Name, object? Value)> { ("$limit", query.Limit) };
                var pathClause = PathFiltersClause(query.PathFilters, parameters);
                var order = query.Reverse ? "DESC" : "ASC";
                var comparison = query.Reverse ? "<" : ">";
                var sql = new StringBuilder();
                var userIndex = 0;
                foreach (var (user, cursor) in query.UserCursors)
                {
                    var userParameter = $"$user{userIndex}";
                    var cursorParameter = $"$cursor{userIndex}";
                    parameters.Add((userParameter, user));
                    var cursorClause = cursor is null ? "" : $"AND id {comparison} {cursorParameter}";
                    if (cursor is not null)
                    {
                        parameters.Add((cursorParameter, cursor.Value));
                    }

                    if (userIndex > 0)
                    {
                        sql.AppendLine("UNION ALL");
                    }

                    sql.AppendLine(
                        $"""
                        SELECT * FROM (SELECT {EventColumns} FROM events
                                       WHERE user_key = {userParameter} {cursorClause} {pathClause}
                                       ORDER BY id {order} LIMIT $limit)
                        """);
                    userIndex++;
                }

                sql.Append($"ORDER BY id {order} LIMIT $limit");
                return await QueryEventsAsync(connection, sql.ToString(), parameters, token);
            },
            cancellationToken);
    }

    /// <summary>
    /// A scan of the id order from the cursor, filters checked by the query: cost O(events scanned), which a narrow
    /// filter over a long log makes large; it serves only the operator's stream.
    /// </summary>
    public Task<IReadOnlyList<EventRecord>> ReadLogAsync(LogQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<EventRecord>>([]);
        }

        return database.ReadAsync(
            async (connection, token) =>
            {
                var parameters = new List<(string Name, object? Value)> { ("$limit", query.Limit) };
                var cursorClause = "";
                if (query.Cursor is { } cursor)
                {
                    parameters.Add(("$cursor", cursor));
                    cursorClause = query.Reverse ? "AND id < $cursor" : "AND id > $cursor";
                }

                var pathClause = PathFiltersClause(query.PathFilters, parameters);
                var order = query.Reverse ? "DESC" : "ASC";
                return await QueryEventsAsync(
                    connection,
                    $"SELECT {EventColumns} FROM events WHERE 1 = 1 {cursorClause} {pathClause} ORDER BY id {order} LIMIT $limit",
                    parameters,
                    token);
            },
            cancellationToken);
    }

    /// <summary>'AND (…)' matching any filter: a directory filter (ending in '/') as a literal prefix, any other exactly.</summary>
    private static string PathFiltersClause(IReadOnlyList<string> filters, List<(string Name, object? Value)> parameters)
    {
        if (filters.Count == 0)
        {
            return "";
        }

        var alternatives = new List<string>(filters.Count);
        for (var index = 0; index < filters.Count; index++)
        {
            var name = $"$filter{index}";
            var filter = filters[index];
            if (filter.EndsWith('/'))
            {
                alternatives.Add(PrefixFilter(name, filter, parameters));
            }
            else
            {
                parameters.Add((name, filter));
                alternatives.Add($"path = {name}");
            }
        }

        return $"AND ({string.Join(" OR ", alternatives)})";
    }

    /// <summary>"path starts with <paramref name="prefix"/>" as a range, so '_' and '%' mean themselves.</summary>
    private static string PrefixFilter(string name, string prefix, List<(string Name, object? Value)> parameters)
    {
        parameters.Add((name, prefix));
        if (Utf8ByteOrder.PrefixEnd(prefix) is not { } end)
        {
            return $"(path >= {name})";
        }

        parameters.Add(($"{name}_end", end));
        return $"(path >= {name} AND path < {name}_end)";
    }

    private async Task<IReadOnlyList<EventRecord>> QueryEventsAsync(
        SqliteConnection connection, string sql, List<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        using var command = database.Command(connection, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Bind(name, value);
        }

        var events = new List<EventRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new EventRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2) == "DEL",
                reader.GetString(3),
                reader.GetNullableBytes(4),
                (ulong)reader.GetInt64(5)));
        }

        return events;
    }
}
