using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>Step (2) of a commit: moving outbox rows into the global log, exactly once, in each user's commit order.</summary>
public sealed partial class AzureUserStore
{
    /// <summary>
    /// Publishes every pending outbox row of <paramref name="user"/>, oldest first, and returns how many there were.
    /// Idempotent and safe to run concurrently with itself or with commits: a row already in the log keeps its id.
    /// <see cref="GetUserAsync"/> and commits call it implicitly; a host may also call it to drain a user eagerly.
    /// </summary>
    public async Task<int> ReplayOutboxAsync(string user, CancellationToken cancellationToken = default)
    {
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return 0;
        }

        await _tables.InitializeAsync(cancellationToken);
        var rows = await _tables.Users.QueryRowsAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {UserRows.OutboxPrefix} and RowKey lt {UserRows.OutboxEnd}"),
            take: null,
            cancellationToken);
        return await PublishPendingAsync(user, rows, cancellationToken);
    }

    /// <summary>Publishes a commit's event: into the log (once), then into the user's index, removing the outbox row.</summary>
    internal async Task<EventRecord> PublishAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var position = await Log.AppendAsync(pending, cancellationToken);
        await CompleteOutboxAsync(pending, position, cancellationToken);
        return new EventRecord(position.Id, pending.User, pending.IsDelete, pending.Path, pending.ContentHash, (ulong)position.CreatedAtMicros);
    }

    /// <summary>
    /// One transaction in the user's partition: both index rows (upserts, so a repeat is harmless) and the deletion of
    /// the outbox row. A 404 means another publisher completed this row already, index rows included.
    /// </summary>
    private async Task CompleteOutboxAsync(PendingEvent pending, LogPosition position, CancellationToken cancellationToken)
    {
        var partition = UserRows.PartitionOf(pending.User);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, ToIndexRow(partition, UserRows.ForwardIndexKey(position.Id), pending, position)),
            new(TableTransactionActionType.UpsertReplace, ToIndexRow(partition, UserRows.ReverseIndexKey(position.Id), pending, position)),
            new(TableTransactionActionType.Delete, new TableEntity(partition, UserRows.OutboxKey(pending.Commit)), ETag.All),
        ];
        try
        {
            await _tables.Users.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 404)
        {
            LogAlreadyCompleted(pending.User, pending.Commit, position.Id);
        }
    }

    /// <summary>Publishes the outbox rows among <paramref name="rows"/> (already in commit order: their keys are fixed width).</summary>
    private async Task<int> PublishPendingAsync(string user, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var row in rows)
        {
            if (!row.RowKey.StartsWith(UserRows.OutboxPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var pending = new PendingEvent(
                user,
                long.Parse(row.RowKey.AsSpan(UserRows.OutboxPrefix.Length), System.Globalization.CultureInfo.InvariantCulture),
                TableValues.GetRequiredString(row, UserRows.Path),
                row.GetBoolean(UserRows.IsDelete) ?? false,
                row.GetBinary(UserRows.ContentHash),
                TableValues.GetRequiredInt64(row, UserRows.At));
            var view = await PublishAsync(pending, cancellationToken);
            LogReplayed(user, pending.Commit, view.Id);
            published++;
        }

        return published;
    }

    private static TableEntity ToOutboxRow(string partition, PendingEvent pending)
    {
        var row = new TableEntity(partition, UserRows.OutboxKey(pending.Commit))
        {
            [UserRows.Path] = pending.Path,
            [UserRows.IsDelete] = pending.IsDelete,
            [UserRows.At] = pending.AtMicros,
        };
        TableValues.SetOrRemove(row, UserRows.ContentHash, pending.ContentHash);
        return row;
    }

    private static TableEntity ToIndexRow(string partition, string key, PendingEvent pending, LogPosition position)
    {
        var row = new TableEntity(partition, key)
        {
            [UserRows.EventId] = position.Id,
            [UserRows.Path] = pending.Path,
            [UserRows.IsDelete] = pending.IsDelete,
            [UserRows.CreatedAt] = position.CreatedAtMicros,
        };
        TableValues.SetOrRemove(row, UserRows.ContentHash, pending.ContentHash);
        return row;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure user store: published the pending event of commit {Commit} of {User} as {EventId}")]
    private partial void LogReplayed(string user, long commit, long eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Azure user store: commit {Commit} of {User} (event {EventId}) was completed by another publisher")]
    private partial void LogAlreadyCompleted(string user, long commit, long eventId);
}
