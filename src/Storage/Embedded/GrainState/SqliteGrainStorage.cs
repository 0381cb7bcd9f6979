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
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string name;
    private readonly EmbeddedDatabase database;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider? activatorProvider;
    private readonly ILogger logger;

    public SqliteGrainStorage(
        string name,
        EmbeddedDatabase database,
        IGrainStorageSerializer serializer,
        IActivatorProvider? activatorProvider = null,
        ILogger<SqliteGrainStorage>? logger = null)
    {
        this.name = name;
        this.database = database;
        this.serializer = serializer;
        this.activatorProvider = activatorProvider;
        this.logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;
    }

    /// <summary>Creates the schema when the silo starts, so a broken data directory fails the start, not a grain.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{name}",
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => database.InitializeAsync(cancellationToken));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>A missing row gives a fresh state, no ETag and <c>RecordExists</c> false.</summary>
    public async Task ReadStateAsync<T>(
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
            grainState.State = serializer.Deserialize<T>(new BinaryData(row.Data));
            grainState.ETag = FormatETag(row.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = CreateState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <summary>No ETag: the row must not exist yet. An ETag: the stored version must still be that one.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the one the grain read.</exception>
    /// <exception cref="GrainStateTooLargeException">The serialized state exceeds <see cref="GrainStateLimits.MaxStateBytes"/>.</exception>
    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        byte[] data = serializer.Serialize(grainState.State).ToArray();
        if (data.Length > GrainStateLimits.MaxStateBytes)
        {
            throw new GrainStateTooLargeException(
                $"The state '{stateName}' of {grainId} serializes to {data.Length} bytes; the limit is {GrainStateLimits.MaxStateBytes}. "
                + "Keep growing data out of grain state.");
        }

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

        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
    }

    /// <summary>Deletes the row if it still has the version the grain read; then there is no ETag and no record.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the one the grain read.</exception>
    public async Task ClearStateAsync<T>(
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

        grainState.ETag = null;
        grainState.RecordExists = false;
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
        LogConflict(name, stateName, grainId, stored, currentETag ?? "(none)");
        return new InconsistentStateException(
            $"The state '{stateName}' of {grainId} is at version {stored}, not {currentETag ?? "(none)"} as the grain read.",
            stored,
            currentETag ?? "(none)");
    }

    private T CreateState<T>() =>
        activatorProvider is null ? Activator.CreateInstance<T>() : activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Grain storage {Provider}: state '{StateName}' of {GrainId} is at version {Stored}, the grain had {Current}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string stored, string current);
}
