using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.GrainState;

namespace PubkyCluster.Storage.Azure.GrainState;

/// <summary>
/// Orleans grain state in Azure Table. PartitionKey is the escaped grain key (a user grain's state shares the user's
/// z32), RowKey the escaped "state name|grain type". The serialized state is split into binary properties
/// Data0..DataN of at most 64 KiB. Every write and clear is conditional on the ETag the grain read, so a stale
/// activation gets <see cref="InconsistentStateException"/> and is deactivated instead of overwriting newer state.
/// </summary>
public sealed partial class AzureTableGrainStorage(
    string name,
    AzureTableSet tables,
    IGrainStorageSerializer serializer,
    IActivatorProvider? activatorProvider = null,
    ILogger<AzureTableGrainStorage>? logger = null) : PubkyGrainStorage(name, serializer, activatorProvider)
{
    /// <summary>Azure's limit for one binary property.</summary>
    internal const int ChunkBytes = 64 * 1024;

    internal const string DataPrefix = "Data";

    private readonly ILogger logger = logger ?? NullLogger<AzureTableGrainStorage>.Instance;

    protected override Task InitializeAsync(CancellationToken cancellationToken) => tables.InitializeAsync(cancellationToken);

    public override async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await tables.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        var response = await tables.GrainState
            .GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (response.HasValue && response.Value is { } entity)
        {
            Loaded(grainState, Join(entity), entity.ETag.ToString());
        }
        else
        {
            Missing(grainState);
        }
    }

    /// <summary>Add without an ETag; with one, replace (never merge, so a shorter state drops the old trailing chunks).</summary>
    public override async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var data = Serialize(stateName, grainId, grainState.State);

        await tables.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        var entity = new TableEntity(partitionKey, rowKey);
        Split(data, entity);
        try
        {
            var response = grainState.ETag is null
                ? await tables.GrainState.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await tables.GrainState
                    .UpdateEntityAsync(entity, new ETag(grainState.ETag), TableUpdateMode.Replace, cancellationToken)
                    .ConfigureAwait(false);
            Written(grainState, response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException($"Azure Table returned no ETag for the state '{stateName}' of {grainId}."));
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            throw Conflict(stateName, grainId, grainState.ETag, exception);
        }
    }

    public override async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await tables.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        if (grainState.ETag is null)
        {
            // Nothing was read: clearing is consistent only if there is still nothing.
            var existing = await tables.GrainState
                .GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken)
                .ConfigureAwait(false);
            if (existing.HasValue)
            {
                throw Conflict(stateName, grainId, null, exception: null);
            }
        }
        else
        {
            try
            {
                await tables.GrainState
                    .DeleteEntityAsync(partitionKey, rowKey, new ETag(grainState.ETag), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                throw Conflict(stateName, grainId, grainState.ETag, exception);
            }
        }

        Cleared(grainState);
    }

    /// <exception cref="ArgumentException">The escaped grain key is longer than a table key may be.</exception>
    private static (string PartitionKey, string RowKey) KeysOf(string stateName, GrainId grainId)
    {
        string partitionKey = TableKeys.Escape(grainId.Key.ToString());
        string rowKey = TableKeys.Escape($"{stateName}|{grainId.Type}");
        if (!TableKeys.Fits(partitionKey) || !TableKeys.Fits(rowKey))
        {
            throw new ArgumentException(
                $"The grain {grainId} with state '{stateName}' needs a table key longer than {TableKeys.MaxLength} characters.");
        }

        return (partitionKey, rowKey);
    }

    private static void Split(ReadOnlyMemory<byte> data, TableEntity entity)
    {
        int chunk = 0;
        for (int offset = 0; offset < data.Length; offset += ChunkBytes, chunk++)
        {
            entity[DataPrefix + chunk] = data.Slice(offset, Math.Min(ChunkBytes, data.Length - offset)).ToArray();
        }
    }

    /// <summary>Concatenates Data0, Data1, … up to the first missing chunk.</summary>
    private static byte[] Join(TableEntity entity)
    {
        using var joined = new MemoryStream();
        for (int chunk = 0; entity.GetBinary(DataPrefix + chunk) is { } bytes; chunk++)
        {
            joined.Write(bytes);
        }

        return joined.ToArray();
    }

    /// <summary>Builds the exception that tells the runtime to deactivate the stale activation.</summary>
    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? currentETag, RequestFailedException? exception)
    {
        string current = currentETag ?? "(none)";
        string reason = exception is null ? "a row exists" : $"{exception.Status} {exception.ErrorCode}";
        LogConflict(Name, stateName, grainId, current, reason);
        return new InconsistentStateException(
            $"The state '{stateName}' of {grainId} changed since the grain read it at ETag {current} ({reason}).",
            "(unknown)",
            current,
            exception);
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Grain storage {Provider}: state '{StateName}' of {GrainId} changed since ETag {Current} ({Reason})")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string current, string reason);
}
