using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Users;

/// <summary>Departures live in the users row (departed_* columns), indexed only where set (see EmbeddedSchema.Migrations).</summary>
public sealed partial class SqliteUserStore
{
    public Task<bool> RecordDepartureAsync(string user, string homeserver, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    """
                    UPDATE users SET departed_first_seen = CASE WHEN departed_to IS $homeserver THEN departed_first_seen ELSE $seen END,
                                     departed_last_seen = $seen,
                                     departed_to = $homeserver
                    WHERE user_key = $user
                    """,
                    transaction);
                command.Parameters.Bind("$user", user);
                command.Parameters.Bind("$homeserver", homeserver);
                command.Parameters.Bind("$seen", SqliteValues.ToMicros(seenAt));
                return await command.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
    }

    public Task ClearDeparturesAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default)
    {
        if (users.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                var parameters = string.Join(", ", users.Select((_, index) => $"$user{index}"));
                using var command = database.Command(
                    connection,
                    $"""
                    UPDATE users SET departed_to = NULL, departed_first_seen = NULL, departed_last_seen = NULL
                    WHERE departed_to IS NOT NULL AND user_key IN ({parameters})
                    """,
                    transaction);
                var index = 0;
                foreach (var user in users)
                {
                    command.Parameters.Bind($"$user{index++}", user);
                }
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DepartureRecord>> ListDeparturesAsync(string? afterUser, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.ReadAsync<IReadOnlyList<DepartureRecord>>(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    """
                    SELECT user_key, departed_to, departed_first_seen, departed_last_seen, used_bytes, file_count
                    FROM users WHERE departed_to IS NOT NULL AND user_key > $after ORDER BY user_key LIMIT $limit
                    """);
                command.Parameters.Bind("$after", afterUser ?? "");
                command.Parameters.Bind("$limit", limit);
                return await ReadDeparturesAsync(command, token);
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<DepartureRecord>> ReadDeparturesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var departures = new List<DepartureRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            departures.Add(new DepartureRecord(
                reader.GetString(0),
                reader.GetString(1),
                SqliteValues.FromMicros(reader.GetInt64(2)),
                SqliteValues.FromMicros(reader.GetInt64(3)),
                reader.GetInt64(4),
                reader.GetInt64(5)));
        }

        return departures;
    }
}
