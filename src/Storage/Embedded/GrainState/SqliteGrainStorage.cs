using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.GrainState;

namespace PubkyCluster.Storage.Embedded.GrainState;

/// <summary>
/// Orleans grain state in the embedded database. The ETag is a version number and every write is a compare-and-swap
/// on it, so a stale activation (a brief duplicate) gets <see cref="InconsistentStateException"/> and is deactivated
/// instead of overwriting newer state.
/// </summary>
public sealed partial class SqliteGrainStorage(
    string name,
    EmbeddedDatabase database,
    IGrainStorageSerializer serializer,
    IActivatorProvider? activatorProvider = null,
    ILogger<SqliteGrainStorage>? logger = null) : PubkyGrainStorage(name, serializer, activatorProvider)
{
    private readonly ILogger logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;

    protected override Task InitializeAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    public override async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stored = await database.ReadAsync(
            async (connection, token) =>
            {
                using var command = database.Command(
                    connection,
                    """
                    SELECT version, data FROM grain_state
                    WHERE grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name
                    """);
                AddKey(command, stateName, grainId);
                using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                return await reader.ReadAsync(token).ConfigureAwait(false)
                    ? (Version: reader.GetInt64(0), Data: (byte[])reader.GetValue(1))
                    : ((long Version, byte[] Data)?)null;
            },
            cancellationToken).ConfigureAwait(false);

        if (stored is { } row)
        {
            Loaded(grainState, row.Data, FormatETag(row.Version));
        }
        else
        {
            Missing(grainState);
        }
    }

    /// <summary>The ETag is the row's version: an insert creates version 1, an update moves it on only from the version read.</summary>
    public override async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        byte[] data = Serialize(stateName, grainId, grainState.State).ToArray();

        long? expected = ParseETag(grainState.ETag, stateName, grainId);
        long version = await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    expected is null
                        ? """
                          INSERT INTO grain_state (grain_type, grain_id, state_name, version, data)
                          VALUES ($grain_type, $grain_id, $state_name, 1, $data)
                          ON CONFLICT DO NOTHING
                          """
                        : """
                          UPDATE grain_state SET version = version + 1, data = $data
                          WHERE grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name
                            AND version = $version
                          """,
                    transaction);
                AddKey(command, stateName, grainId);
                command.Parameters.Bind("$data", data);
                command.Parameters.Bind("$version", expected);
                if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) != 1)
                {
                    throw await ConflictAsync(connection, transaction, stateName, grainId, grainState.ETag, token).ConfigureAwait(false);
                }

                return (expected ?? 0) + 1;
            },
            cancellationToken).ConfigureAwait(false);

        Written(grainState, FormatETag(version));
    }

    public override async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        long? expected = ParseETag(grainState.ETag, stateName, grainId);
        await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                using var command = database.Command(
                    connection,
                    expected is null
                        ? """
                          SELECT count(*) FROM grain_state
                          WHERE grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name
                          """
                        : """
                          DELETE FROM grain_state
                          WHERE grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name
                            AND version = $version
                          """,
                    transaction);
                AddKey(command, stateName, grainId);
                command.Parameters.Bind("$version", expected);
                bool consistent = expected is null
                    ? Convert.ToInt64(await command.ExecuteScalarAsync(token).ConfigureAwait(false)) == 0
                    : await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
                if (!consistent)
                {
                    throw await ConflictAsync(connection, transaction, stateName, grainId, grainState.ETag, token).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

        Cleared(grainState);
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.Bind("$grain_type", grainId.Type.ToString());
        command.Parameters.Bind("$grain_id", grainId.Key.ToString());
        command.Parameters.Bind("$state_name", stateName);
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ETag this provider did not issue cannot match any stored version.</summary>
    private static long? ParseETag(string? etag, string stateName, GrainId grainId)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out long version)
            ? version
            : throw new InconsistentStateException(
                $"The ETag '{etag}' of the state '{stateName}' of {grainId} is not a version of this provider.", "(unknown)", etag);
    }

    /// <summary>Builds the exception that tells the runtime to deactivate the stale activation, naming the stored version.</summary>
    private async Task<InconsistentStateException> ConflictAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string stateName,
        GrainId grainId,
        string? currentETag,
        CancellationToken cancellationToken)
    {
        using var command = database.Command(
            connection,
            """
            SELECT version FROM grain_state
            WHERE grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name
            """,
            transaction);
        AddKey(command, stateName, grainId);
        string stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version
            ? FormatETag(version)
            : "(none)";
        LogConflict(Name, stateName, grainId, stored, currentETag ?? "(none)");
        return new InconsistentStateException(
            $"The state '{stateName}' of {grainId} is at version {stored}, not {currentETag ?? "(none)"} as the grain read.",
            stored,
            currentETag ?? "(none)");
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Grain storage {Provider}: state '{StateName}' of {GrainId} is at version {Stored}, the grain had {Current}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string stored, string current);
}
