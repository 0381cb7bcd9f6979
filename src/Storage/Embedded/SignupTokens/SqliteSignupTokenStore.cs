using Microsoft.Data.Sqlite;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.SignupTokens;

/// <summary>Signup tokens in the embedded database; a claim is one conditional UPDATE, so it succeeds at most once.</summary>
public sealed class SqliteSignupTokenStore(EmbeddedDatabase database) : ISignupTokenStore
{
    private const string RecordColumns = $"token, created_at, {SqliteValues.QuotaColumns}, used_by, used_at";

    /// <exception cref="StoreConflictException">The token exists already; nothing changes.</exception>
    public Task CreateAsync(string token, QuotaRecord quota, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        return database.WriteAsync(
            async (connection, transaction, cancellation) =>
            {
                using var command = database.Command(
                    connection,
                    $"""
                    INSERT INTO signup_tokens (token, created_at, {SqliteValues.QuotaColumns})
                    VALUES ($token, $created_at, {SqliteValues.QuotaParameters})
                    ON CONFLICT (token) DO NOTHING
                    """,
                    transaction);
                command.Parameters.Bind("$token", token);
                command.Parameters.Bind("$created_at", SqliteValues.ToMicros(createdAt));
                command.Parameters.BindQuota(quota);
                if (await command.ExecuteNonQueryAsync(cancellation) != 1)
                {
                    throw new StoreConflictException("The signup token exists already.");
                }

                return true;
            },
            cancellationToken);
    }

    public Task<SignupTokenRecord?> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        return database.ReadAsync<SignupTokenRecord?>(
            async (connection, cancellation) =>
            {
                using var command = database.Command(connection, $"SELECT {RecordColumns} FROM signup_tokens WHERE token = $token");
                command.Parameters.Bind("$token", token);
                using var reader = await command.ExecuteReaderAsync(cancellation);
                return await reader.ReadAsync(cancellation) ? ReadRecord(reader) : null;
            },
            cancellationToken);
    }

    public Task<bool> TryClaimAsync(string token, string user, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        return database.WriteAsync(
            async (connection, transaction, cancellation) =>
            {
                using var command = database.Command(
                    connection,
                    "UPDATE signup_tokens SET used_by = $user, used_at = $at WHERE token = $token AND used_by IS NULL",
                    transaction);
                command.Parameters.Bind("$token", token);
                command.Parameters.Bind("$user", user);
                command.Parameters.Bind("$at", SqliteValues.ToMicros(at));
                return await command.ExecuteNonQueryAsync(cancellation) == 1;
            },
            cancellationToken);
    }

    public Task<(long Total, long Unused)> CountAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            async (connection, cancellation) =>
            {
                using var command = database.Command(
                    connection,
                    "SELECT count(*), coalesce(sum(used_by IS NULL), 0) FROM signup_tokens");
                using var reader = await command.ExecuteReaderAsync(cancellation);
                await reader.ReadAsync(cancellation);
                return (reader.GetInt64(0), reader.GetInt64(1));
            },
            cancellationToken);

    /// <summary>
    /// A range of the primary key, or of a partial index holding only used or only unused tokens (see EmbeddedSchema.Migrations), so a
    /// page reads O(limit) rows whatever the state.
    /// </summary>
    public Task<IReadOnlyList<SignupTokenRecord>> ListAsync(
        SignupTokenState state, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var stateCondition = state switch
        {
            SignupTokenState.Used => "AND used_by IS NOT NULL",
            SignupTokenState.Unused => "AND used_by IS NULL",
            _ => "",
        };
        return database.ReadAsync<IReadOnlyList<SignupTokenRecord>>(
            async (connection, cancellation) =>
            {
                using var command = database.Command(
                    connection,
                    $"""
                    SELECT {RecordColumns} FROM signup_tokens
                    WHERE token > $after {stateCondition}
                    ORDER BY token LIMIT $limit
                    """);
                command.Parameters.Bind("$after", after ?? "");
                command.Parameters.Bind("$limit", limit);
                using var reader = await command.ExecuteReaderAsync(cancellation);
                var records = new List<SignupTokenRecord>();
                while (await reader.ReadAsync(cancellation))
                {
                    records.Add(ReadRecord(reader));
                }

                return records;
            },
            cancellationToken);
    }

    /// <summary>A row selected as <see cref="RecordColumns"/>.</summary>
    private static SignupTokenRecord ReadRecord(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            SqliteValues.FromMicros(reader.GetInt64(1)),
            reader.GetQuota(2),
            reader.GetNullableString(7),
            reader.GetNullableMicros(8));
}
