using Microsoft.Data.Sqlite;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Users;

/// <summary>
/// Users, their file index and the event log in the embedded SQLite database. One instance serves both ports so a
/// commit writes the entry, the usage counters and the event in one transaction.
/// </summary>
public sealed partial class SqliteUserStore(EmbeddedDatabase database) : IUserStore, IEventStore
{
    private const string EntryColumns = "blob_id, content_hash, content_length, content_type, created_at, modified_at";

    public Task<UserRecord?> GetUserAsync(string user, CancellationToken cancellationToken = default)
    {
        return database.ReadAsync<UserRecord?>(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    $"""
                    SELECT created_at, disabled, {SqliteValues.QuotaColumns},
                           used_bytes, file_count, last_write
                    FROM users WHERE user_key = $user
                    """);
                command.Parameters.Bind("$user", user);
                using var reader = await command.ExecuteReaderAsync(token);
                if (!await reader.ReadAsync(token))
                {
                    return null;
                }

                return new UserRecord(
                    user,
                    SqliteValues.FromMicros(reader.GetInt64(0)),
                    reader.GetBoolean(1),
                    reader.GetQuota(2),
                    reader.GetInt64(7),
                    reader.GetInt64(8),
                    reader.GetNullableMicros(9));
            },
            cancellationToken);
    }

    /// <summary>
    /// A new user has no entries, so a record with non-zero usage is refused: usage moves only with commits.
    /// </summary>
    public Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        if (user.UsedBytes != 0 || user.FileCount != 0)
        {
            throw new ArgumentException("A new user starts with no used bytes and no files.", nameof(user));
        }

        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    $"""
                    INSERT INTO users (user_key, created_at, disabled, {SqliteValues.QuotaColumns},
                                       used_bytes, file_count, last_write)
                    VALUES ($user, $created_at, $disabled, {SqliteValues.QuotaParameters}, 0, 0, $last_write)
                    ON CONFLICT (user_key) DO NOTHING
                    """,
                    transaction);
                command.Parameters.Bind("$user", user.User);
                command.Parameters.Bind("$created_at", SqliteValues.ToMicros(user.CreatedAt));
                command.Parameters.Bind("$disabled", user.Disabled);
                command.Parameters.BindQuota(user.Quota);
                command.Parameters.Bind("$last_write", user.LastWrite is { } lastWrite ? SqliteValues.ToMicros(lastWrite) : null);
                return await command.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
    }

    public Task<bool> UpdateUserSettingsAsync(string user, bool disabled, QuotaRecord quota, CancellationToken cancellationToken = default)
    {
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    """
                    UPDATE users SET disabled = $disabled, quota_mb = $quota_mb, quota_unlimited = $quota_unlimited,
                                     allowed_write_paths = $allowed_write_paths, rate_read = $rate_read, rate_write = $rate_write
                    WHERE user_key = $user
                    """,
                    transaction);
                command.Parameters.Bind("$user", user);
                command.Parameters.Bind("$disabled", disabled);
                command.Parameters.BindQuota(quota);
                return await command.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
    }

    public Task<EntryRecord?> GetEntryAsync(string user, WebDavPath path, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, token) => ReadEntryAsync(connection, user, path, token), cancellationToken);

    /// <summary>
    /// Two queries on one connection: an exact match on each proper ancestor path (a file there blocks the write) or any
    /// entry in the range of '&lt;path&gt;/' (the path is a directory already); then the entry itself.
    /// </summary>
    public Task<WriteTarget> InspectWriteAsync(string user, WebDavPath path, CancellationToken cancellationToken = default)
    {
        var ancestors = path.AncestorFiles.Select(ancestor => ancestor.Value).ToList();
        return database.ReadAsync(
            async (connection, token) =>
            {
                var ancestorParameters = string.Join(", ", ancestors.Select((_, index) => $"$ancestor{index}"));
                var ancestorClause = ancestors.Count == 0
                    ? "0"
                    : $"EXISTS (SELECT 1 FROM entries WHERE user_key = $user AND path IN ({ancestorParameters}))";
                using var command = database.Command(
                    connection,
                    $"""
                    SELECT {ancestorClause}
                        OR EXISTS (SELECT 1 FROM entries WHERE user_key = $user AND path >= $below AND path < $below_end)
                    """);
                command.Parameters.Bind("$user", user);
                var below = path.DirectoryPrefix;
                command.Parameters.Bind("$below", below);
                command.Parameters.Bind("$below_end", Utf8ByteOrder.DirectoryEnd(below));
                for (var index = 0; index < ancestors.Count; index++)
                {
                    command.Parameters.Bind($"$ancestor{index}", ancestors[index]);
                }

                var collides = Convert.ToInt64(await command.ExecuteScalarAsync(token)) != 0;
                return new WriteTarget(collides, await ReadEntryAsync(connection, user, path, token));
            },
            cancellationToken);
    }

    public Task<bool> HasEntriesUnderAsync(string user, WebDavPath directory, CancellationToken cancellationToken = default)
    {
        return database.ReadAsync(
            async (connection, token) =>
            {
                var end = Utf8ByteOrder.PrefixEnd(directory.Value);
                using var command = database.Command(
                    connection,
                    $"""
                    SELECT EXISTS (SELECT 1 FROM entries WHERE user_key = $user AND path >= $directory
                                   {(end is null ? "" : "AND path < $end")})
                    """);
                command.Parameters.Bind("$user", user);
                command.Parameters.Bind("$directory", directory.Value);
                command.Parameters.Bind("$end", end);
                return Convert.ToInt64(await command.ExecuteScalarAsync(token)) != 0;
            },
            cancellationToken);
    }

    /// <summary>
    /// Checks the expected blob id, writes or removes the entry, moves the usage counters and appends the event, in
    /// one durable transaction. Event times strictly increase, so a legacy timestamp cursor names one event.
    /// </summary>
    /// <summary>Commits queue in the one writer in the order started; a group of them shares one transaction.</summary>
    public int MaxCommitsInFlight => EmbeddedDatabase.DefaultMaxWritesPerCommit;

    public Task<CommitReceipt> CommitAsync(EntryChange change, CancellationToken cancellationToken = default)
    {
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                var current = await ReadBlobIdAsync(connection, transaction, change, token);
                if (!string.Equals(current, change.ExpectedBlobId, StringComparison.Ordinal))
                {
                    throw new StoreConflictException(
                        $"The entry {change.Path} of {change.User} has blob {current ?? "(none)"}, "
                        + $"not {change.ExpectedBlobId ?? "(none)"} as the writer expected.");
                }

                await WriteEntryAsync(connection, transaction, change, token);
                if (current is not null && !string.Equals(current, change.NewEntry?.BlobId, StringComparison.Ordinal))
                {
                    // The released body, when it is a row, goes with the entry: one transaction, no later write.
                    await EmbeddedBlobStore.DeleteInlineAsync(database, connection, transaction, current, token);
                }

                await UpdateUsageAsync(connection, transaction, change, token);
                // The expected blob id is checked inside the transaction, which is as cheap here as a version would be.
                return new CommitReceipt(await AppendEventAsync(connection, transaction, change, token), Version: null);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListDisabledUsersAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<string>>(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT user_key FROM users WHERE disabled = 1 ORDER BY user_key");
                return await ReadStringsAsync(command, token);
            },
            cancellationToken);

    public Task<IReadOnlyList<string>> ListUsersAsync(string? afterUser, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.ReadAsync<IReadOnlyList<string>>(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT user_key FROM users WHERE user_key > $after ORDER BY user_key LIMIT $limit");
                // Every key sorts after the empty string, so the first page needs no second query shape.
                command.Parameters.Bind("$after", afterUser ?? "");
                command.Parameters.Bind("$limit", limit);
                return await ReadStringsAsync(command, token);
            },
            cancellationToken);
    }

    public Task<StoreTotals> GetTotalsAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT count(*), coalesce(sum(disabled), 0), coalesce(sum(used_bytes), 0) FROM users");
                using var reader = await command.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                return new StoreTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            },
            cancellationToken);

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken = default)
    {
        return database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT EXISTS (SELECT 1 FROM entries WHERE blob_id = $blob_id)");
                command.Parameters.Bind("$blob_id", blobId);
                return Convert.ToInt64(await command.ExecuteScalarAsync(token)) != 0;
            },
            cancellationToken);
    }

    /// <summary>'/pub/a/b/c' → '/pub', '/pub/a', '/pub/a/b': every proper prefix that ends before a '/'.</summary>
    private async Task<string?> ReadBlobIdAsync(
        SqliteConnection connection, SqliteTransaction transaction, EntryChange change, CancellationToken cancellationToken)
    {
        using var command = database.Command(
            connection,
            "SELECT blob_id FROM entries WHERE user_key = $user AND path = $path",
            transaction);
        command.Parameters.Bind("$user", change.User);
        command.Parameters.Bind("$path", change.Path.Value);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task WriteEntryAsync(
        SqliteConnection connection, SqliteTransaction transaction, EntryChange change, CancellationToken cancellationToken)
    {
        using var command = database.Command(
            connection,
            change.NewEntry is null
                ? "DELETE FROM entries WHERE user_key = $user AND path = $path"
                : $"""
                  INSERT INTO entries (user_key, path, {EntryColumns})
                  VALUES ($user, $path, $blob_id, $content_hash, $content_length, $content_type, $created_at, $modified_at)
                  ON CONFLICT (user_key, path) DO UPDATE SET
                      blob_id = excluded.blob_id, content_hash = excluded.content_hash,
                      content_length = excluded.content_length, content_type = excluded.content_type,
                      created_at = excluded.created_at, modified_at = excluded.modified_at
                  """,
            transaction);
        command.Parameters.Bind("$user", change.User);
        command.Parameters.Bind("$path", change.Path.Value);
        if (change.NewEntry is { } entry)
        {
            command.Parameters.Bind("$blob_id", entry.BlobId);
            command.Parameters.Bind("$content_hash", entry.ContentHash);
            command.Parameters.Bind("$content_length", entry.ContentLength);
            command.Parameters.Bind("$content_type", entry.ContentType);
            command.Parameters.Bind("$created_at", SqliteValues.ToMicros(entry.CreatedAt));
            command.Parameters.Bind("$modified_at", SqliteValues.ToMicros(entry.ModifiedAt));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpdateUsageAsync(
        SqliteConnection connection, SqliteTransaction transaction, EntryChange change, CancellationToken cancellationToken)
    {
        using var command = database.Command(
            connection,
            """
            UPDATE users SET used_bytes = used_bytes + $used_bytes_delta, file_count = file_count + $file_count_delta,
                             last_write = $at
            WHERE user_key = $user
            """,
            transaction);
        command.Parameters.Bind("$user", change.User);
        command.Parameters.Bind("$used_bytes_delta", change.UsedBytesDelta);
        command.Parameters.Bind("$file_count_delta", change.FileCountDelta);
        command.Parameters.Bind("$at", SqliteValues.ToMicros(change.At));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new StoreConflictException($"The user {change.User} does not exist.");
        }
    }

    private async Task<EventRecord> AppendEventAsync(
        SqliteConnection connection, SqliteTransaction transaction, EntryChange change, CancellationToken cancellationToken)
    {
        using var command = database.Command(
            connection,
            """
            INSERT INTO events (user_key, kind, path, content_hash, created_at)
            VALUES ($user, $kind, $path, $content_hash,
                    max($at, coalesce((SELECT created_at FROM events ORDER BY id DESC LIMIT 1) + 1, $at)))
            RETURNING id, created_at
            """,
            transaction);
        var hash = change.NewEntry?.ContentHash;
        command.Parameters.Bind("$user", change.User);
        command.Parameters.Bind("$kind", hash is null ? "DEL" : "PUT");
        command.Parameters.Bind("$path", change.Path.Value);
        command.Parameters.Bind("$content_hash", hash);
        command.Parameters.Bind("$at", SqliteValues.ToMicros(change.At));
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EventRecord(reader.GetInt64(0), change.User, hash is null, change.Path.Value, hash, (ulong)reader.GetInt64(1));
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<EntryRecord?> ReadEntryAsync(SqliteConnection connection, string user, WebDavPath path, CancellationToken token)
    {
        using var command = database.Command(connection, $"SELECT {EntryColumns} FROM entries WHERE user_key = $user AND path = $path");
        command.Parameters.Bind("$user", user);
        command.Parameters.Bind("$path", path.Value);
        using var reader = await command.ExecuteReaderAsync(token);
        if (!await reader.ReadAsync(token))
        {
            return null;
        }

        return new EntryRecord(
            reader.GetString(0),
            (byte[])reader.GetValue(1),
            reader.GetInt64(2),
            reader.GetString(3),
            SqliteValues.FromMicros(reader.GetInt64(4)),
            SqliteValues.FromMicros(reader.GetInt64(5)));
    }
}
