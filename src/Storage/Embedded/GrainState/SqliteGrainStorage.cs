using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PubkyCluster.Storage.Embedded.Database;

namespace PubkyCluster.Storage.Embedded.GrainState;

/// <summary>
/// Orleans grain state in the embedded database. The ETag is a version number and every write and clear is a
/// compare-and-swap on it, so a stale activation (a brief duplicate) gets <see cref="InconsistentStateException"/>
/// and is deactivated instead of overwriting newer state. The schema is created when the silo starts, so a bad data
/// directory fails the start rather than a grain.
/// </summary>
public sealed partial class SqliteGrainStorage(
    string name,
    EmbeddedDatabase database,
    IGrainStorageSerializer serializer,
    IActivatorProvider activatorProvider,
    ILogger<SqliteGrainStorage>? logger = null) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ILogger _logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, database.InitializeAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>A missing row gives a fresh state, no ETag and <c>RecordExists</c> false.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
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
                using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? (Version: reader.GetInt64(0), Data: (byte[])reader.GetValue(1))
                    : ((long Version, byte[] Data)?)null;
            },
            cancellationToken);

        if (stored is { } row)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(row.Data)) ?? Fresh<T>();
            grainState.ETag = FormatETag(row.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Fresh<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <summary>
    /// No ETag: insert, and the row must not exist yet. An ETag: update, and the row must still carry that version.
    /// The ETag moves on by one with each write.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored row is not the one the grain read.</exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var data = serializer.Serialize(grainState.State).ToArray();
        var expected = ParseETag(grainState.ETag, stateName, grainId);
        var version = await database.WriteAsync(
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
                if (await command.ExecuteNonQueryAsync(token) != 1)
                {
                    throw await ConflictAsync(connection, transaction, stateName, grainId, grainState.ETag, token);
                }

                return (expected ?? 0) + 1;
            },
            cancellationToken);

        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Deletes the row if it still carries the ETag the grain read; without an ETag there must be no row. Afterwards
    /// the state is fresh, with no ETag and no record.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored row is not the one the grain read.</exception>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = ParseETag(grainState.ETag, stateName, grainId);
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
                var consistent = expected is null
                    ? Convert.ToInt64(await command.ExecuteScalarAsync(token), CultureInfo.InvariantCulture) == 0
                    : await command.ExecuteNonQueryAsync(token) == 1;
                if (!consistent)
                {
                    throw await ConflictAsync(connection, transaction, stateName, grainId, grainState.ETag, token);
                }

                return true;
            },
            cancellationToken);

        grainState.State = Fresh<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T Fresh<T>() => activatorProvider.GetActivator<T>().Create();

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

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
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
        var stored = await command.ExecuteScalarAsync(cancellationToken) is long version ? FormatETag(version) : "(none)";
        var current = currentETag ?? "(none)";
        LogConflict(name, stateName, grainId, stored, current);
        return new InconsistentStateException(
            $"The state '{stateName}' of {grainId} is at version {stored}, not {current} as the grain read.", stored, current);
    }

    [LoggerMessage(
        EventId = 4101,
        Level = LogLevel.Warning,
        Message = "Grain storage {Provider}: state '{StateName}' of {GrainId} is at version {Stored}, the grain had {Current}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string stored, string current);
}
