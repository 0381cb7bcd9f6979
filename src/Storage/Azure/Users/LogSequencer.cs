using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PubkyCluster.Storage.Azure.Tables;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// Takes ids in the global log for the events of one process, many per transaction. Publishers queue their event; one
/// loop takes everything queued (up to <see cref="MaxBatch"/> events) and submits one transaction in the log partition:
/// the sequence row moves from N to N+k (conditional on its ETag) and the event rows N+1..N+k are inserted with their
/// k publication markers. Batches form from what queues while the previous transaction is in flight; nothing waits to
/// collect more.
/// </summary>
/// <remarks>
/// The sequence row as last written is kept, so an uncontended batch needs no read. A 412 means another process moved
/// the sequence: read it again and retry. A 409 means a marker exists, so that commit was published already (by a
/// replay, or a process that crashed before completing it): one query finds which, those callers get the ids their
/// markers name, and the rest are retried. Any other failure leaves the outcome unknown: the sequence is read again
/// next time and every waiting caller fails; its outbox row stays and a replay finds what was written by its marker.
/// </remarks>
internal sealed partial class LogSequencer(TableClient events, ILogger logger)
{
    /// <summary>A transaction holds at most 100 actions: the sequence row and two rows (event, marker) per event.</summary>
    public const int MaxBatch = 49;

    /// <summary>Attempts of one batch; each lost one means another process took ids or published one of its events.</summary>
    private const int MaxAttempts = 64;

    private readonly Lock _gate = new();
    private readonly Queue<LogSlot> _queue = new();
    private bool _draining;

    // Touched only by the draining loop, of which one runs at a time. Null: unknown, read it before the next batch.
    private LogSequence? _sequence;

    /// <summary>The event's id and logged time, once its transaction committed (or it is found published already).</summary>
    public Task<LogPosition> AppendAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var slot = new LogSlot(pending);
        Task<LogPosition> position;
        bool start;
        lock (_gate)
        {
            position = slot.Wait();
            _queue.Enqueue(slot);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync);
        }

        return position.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                await PublishAsync(batch);
            }
            catch (Exception exception)
            {
                // The transaction may have committed: forget the sequence; the markers tell a replay what was written.
                _sequence = null;
                LogBatchFailed(exception, batch.Count);
                foreach (var slot in batch)
                {
                    slot.Fail(exception);
                }
            }
        }
    }

    /// <summary>The queued events up to a transaction's worth, each commit once; null (and the loop ends) when none are queued.</summary>
    private List<LogSlot>? TakeBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _draining = false;
                return null;
            }

            var taken = new Dictionary<string, LogSlot>(StringComparer.Ordinal);
            var batch = new List<LogSlot>();
            while (_queue.TryPeek(out var next))
            {
                if (taken.TryGetValue(next.MarkerKey, out var same))
                {
                    next.MergeInto(same);
                }
                else if (batch.Count == MaxBatch)
                {
                    break;
                }
                else
                {
                    taken.Add(next.MarkerKey, next);
                    batch.Add(next);
                }

                _queue.Dequeue();
            }

            return InUserCommitOrder(batch);
        }
    }

    /// <summary>
    /// Each user's events in that user's commit order, in the places its events hold in the batch. Publishers queue a
    /// user's pending events oldest first, but two of them (a replay and a commit) may interleave.
    /// </summary>
    private static List<LogSlot> InUserCommitOrder(List<LogSlot> batch)
    {
        var byUser = batch
            .GroupBy(slot => slot.Pending.User, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => new Queue<LogSlot>(group.OrderBy(slot => slot.Pending.Commit)),
                StringComparer.Ordinal);
        return [.. batch.Select(slot => byUser[slot.Pending.User].Dequeue())];
    }

    private async Task PublishAsync(List<LogSlot> batch)
    {
        var remaining = batch;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var sequence = _sequence ??= await ReadSequenceAsync();
            var (actions, positions, next) = Plan(remaining, sequence);
            try
            {
                var response = await events.SubmitTransactionAsync(actions);
                // The sequence row's action comes first; without its new ETag the row is read again next time.
                _sequence = response.Value[0].Headers.ETag is { } etag ? next with { ETag = etag } : null;
                for (var index = 0; index < remaining.Count; index++)
                {
                    remaining[index].Complete(positions[index]);
                }

                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409)
            {
                var published = await FindPublishedAsync(remaining);
                foreach (var slot in remaining)
                {
                    if (published.TryGetValue(slot.MarkerKey, out var position))
                    {
                        slot.Complete(position);
                    }
                }

                remaining = [.. remaining.Where(slot => !published.ContainsKey(slot.MarkerKey))];
                if (remaining.Count == 0)
                {
                    return;
                }

                LogPublishedAlready(published.Count, remaining.Count, attempt);
                if (published.Count == 0)
                {
                    // Not a marker: another process created the sequence row (or wrote past it); read it again.
                    _sequence = null;
                }
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
            {
                LogSequenceMoved(remaining.Count, attempt, exception.Status);
                _sequence = null;
            }
        }

        throw new RequestFailedException(
            $"{remaining.Count} events could not take ids in {MaxAttempts} attempts; "
            + "their outbox rows stay and are published on each user's next read or commit.");
    }

    /// <summary>
    /// The transaction that gives <paramref name="slots"/> the ids after <paramref name="sequence"/>, in order. Event
    /// times strictly increase with ids, so a time names at most one event.
    /// </summary>
    private static (List<TableTransactionAction> Actions, List<LogPosition> Positions, LogSequence Next) Plan(
        List<LogSlot> slots, LogSequence sequence)
    {
        var positions = new List<LogPosition>(slots.Count);
        var id = sequence.LastId;
        var last = sequence.LastCreatedAtMicros;
        foreach (var slot in slots)
        {
            id++;
            var at = last is { } previous ? Math.Max(slot.Pending.AtMicros, previous + 1) : slot.Pending.AtMicros;
            positions.Add(new LogPosition(id, at));
            last = at;
        }

        var nextRow = new TableEntity(UserRows.LogPartition, UserRows.SequenceRow)
        {
            [UserRows.LastId] = id,
            [UserRows.LastCreatedAt] = last,
        };
        var actions = new List<TableTransactionAction>(1 + (2 * slots.Count))
        {
            sequence.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, nextRow, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, nextRow),
        };
        for (var index = 0; index < slots.Count; index++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEventRow(slots[index].Pending, positions[index])));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToMarkerRow(slots[index].MarkerKey, positions[index])));
        }

        return (actions, positions, new LogSequence(null, id, last));
    }

    private async Task<LogSequence> ReadSequenceAsync()
    {
        var read = await events.GetEntityIfExistsAsync<TableEntity>(UserRows.LogPartition, UserRows.SequenceRow);
        return read.HasValue && read.Value is { } row
            ? new LogSequence(row.ETag, TableValues.GetRequiredInt64(row, UserRows.LastId), row.GetInt64(UserRows.LastCreatedAt))
            : LogSequence.Empty;
    }

    /// <summary>The markers of <paramref name="slots"/> that exist, by key: one round of queries (side by side when the filter limit splits them).</summary>
    private async Task<Dictionary<string, LogPosition>> FindPublishedAsync(List<LogSlot> slots)
    {
        var filters = RowFilters.AnyOf(
            UserRows.LogPartition,
            slots.Select(slot => (TableClient.CreateQueryFilter($"RowKey eq {slot.MarkerKey}"), 1)));
        var pages = await Task.WhenAll(filters.Select(filter => events.QueryRowsAsync(
            filter.Filter, filter.Alternatives, CancellationToken.None, select: ["RowKey", UserRows.EventId, UserRows.CreatedAt])));
        return pages.SelectMany(page => page).ToDictionary(
            row => row.RowKey,
            row => new LogPosition(
                TableValues.GetRequiredInt64(row, UserRows.EventId), TableValues.GetRequiredInt64(row, UserRows.CreatedAt)),
            StringComparer.Ordinal);
    }

    private static TableEntity ToEventRow(PendingEvent pending, LogPosition position)
    {
        var row = new TableEntity(UserRows.LogPartition, UserRows.EventKey(position.Id))
        {
            [UserRows.User] = pending.User,
            [UserRows.Commit] = pending.Commit,
            [UserRows.Path] = pending.Path,
            [UserRows.IsDelete] = pending.IsDelete,
            [UserRows.CreatedAt] = position.CreatedAtMicros,
        };
        TableValues.SetOrRemove(row, UserRows.ContentHash, pending.ContentHash);
        return row;
    }

    private static TableEntity ToMarkerRow(string key, LogPosition position) =>
        new(UserRows.LogPartition, key)
        {
            [UserRows.EventId] = position.Id,
            [UserRows.CreatedAt] = position.CreatedAtMicros,
        };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Log sequencer: another process moved the sequence under a batch of {Count} (attempt {Attempt}, status {Status}); reading it again")]
    private partial void LogSequenceMoved(int count, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log sequencer: {Published} events of a batch were published already; retrying the other {Remaining} (attempt {Attempt})")]
    private partial void LogPublishedAlready(int published, int remaining, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log sequencer: a batch of {Count} events failed; their outbox rows stay for a replay")]
    private partial void LogBatchFailed(Exception exception, int count);
}
