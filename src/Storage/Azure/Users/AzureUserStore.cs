using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// Users, their file index and the event log in Azure Table (layout: <see cref="UserRows"/>).
/// <para>
/// A commit is two steps. (1) One entity-group transaction in the user's partition: the entry is added, replaced or
/// deleted, the reference row of the new body is added and the replaced body's removed, the user row's counters move
/// (conditional on its ETag, so concurrent writers of one user serialise and lost updates are impossible) and an
/// outbox row holding the event is added. From then on the commit is durable. A writer passing a current
/// <see cref="EntryChange.ExpectedVersion"/> needs no read before it (<see cref="UserVersion"/>: the version holds
/// the row's ETag and counters); a stale one is refused. (2) Publication (<see cref="ReplayOutboxAsync"/>): the
/// <see cref="LogSequencer"/> takes the event's id in the log partition, in one transaction with whatever else this
/// process is publishing, beside a marker naming the (user, commit number); then one transaction in the user's
/// partition writes the per-user index rows and deletes the outbox row. So a commit with a current version is three
/// round trips.
/// </para>
/// <para>
/// Why ids are gapless and visible in commit order: ids are taken and their event rows written in the same
/// transaction, so an id exists exactly when its event is readable, and ids after N can only be taken after the
/// transaction that wrote N committed. Why exactly once: the marker insert fails if that commit was published before,
/// so a retry or a replay finds the marker and reuses its id. A crash between the steps leaves the outbox row; the
/// user's next <see cref="GetUserAsync"/> (which the user grain calls on activation, and again after a conflict) or
/// commit without a version publishes it, older rows first, so one user's events keep their commit order. A version is
/// only handed out once every earlier commit of the user is published, so a commit that skips the read cannot overtake
/// a pending one: if one is pending, the version is stale. The log partition bounds throughput: Azure's target of
/// 2,000 entities per second per partition is about 1,000 events/s (two rows each), however they are batched.
/// </para>
/// </summary>
public sealed partial class AzureUserStore : IUserStore, IEventStore
{
    /// <summary>Attempts of a conditional write before giving up; each failed one means another writer progressed.</summary>
    private const int MaxAttempts = 64;

    private readonly AzureTableSet _tables;
    private readonly ILogger _logger;

    public AzureUserStore(AzureTableSet tables, ILogger<AzureUserStore>? logger = null)
    {
        _tables = tables;
        _logger = logger ?? NullLogger<AzureUserStore>.Instance;
        Log = new LogSequencer(tables.Events, _logger);
    }

    /// <summary>Takes this process's event ids; one per store instance, so all of its publishers share the batches.</summary>
    internal LogSequencer Log { get; }

    /// <summary>
    /// Reads the user row and its pending outbox rows in one query, and publishes those first. The record's version
    /// lets the caller's next commit skip reading the user.
    /// </summary>
    public async Task<UserRecord?> GetUserAsync(string user, CancellationToken cancellationToken = default)
    {
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return null;
        }

        await _tables.InitializeAsync(cancellationToken);
        var rows = await _tables.Users.QueryRowsAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {UserRows.OutboxPrefix} and RowKey le {UserRows.UserRow}"),
            take: null,
            cancellationToken);
        await PublishPendingAsync(user, rows, cancellationToken);
        var row = rows.Find(r => r.RowKey == UserRows.UserRow);
        return row is null ? null : ToUser(user, row);
    }

    /// <summary>
    /// A new user has no entries, so a record with non-zero usage is refused: usage moves only with commits. The
    /// caller's record has no version, so its first commit reads the user first.
    /// </summary>
    public async Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        if (user.UsedBytes != 0 || user.FileCount != 0)
        {
            throw new ArgumentException("A new user starts with no used bytes and no files.", nameof(user));
        }

        var partition = UserRows.PartitionOf(user.User);
        if (!TableKeys.Fits(partition))
        {
            throw new ArgumentException($"A user key is at most {TableKeys.MaxLength} characters once escaped.", nameof(user));
        }

        await _tables.InitializeAsync(cancellationToken);
        var row = new TableEntity(partition, UserRows.UserRow)
        {
            [UserRows.User] = user.User,
            [UserRows.CreatedAt] = TableValues.ToMicros(user.CreatedAt),
            [UserRows.Disabled] = user.Disabled,
            [UserRows.UsedBytes] = 0L,
            [UserRows.FileCount] = 0L,
            [UserRows.Commits] = 0L,
        };
        TableValues.SetQuota(row, user.Quota);
        TableValues.SetOrRemove(row, UserRows.LastWrite, user.LastWrite is { } lastWrite ? TableValues.ToMicros(lastWrite) : null);
        try
        {
            await _tables.Users.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// A read-modify-replace on the user row's ETag, since a merge could not remove a cleared quota. It moves the ETag, so
    /// a writer's version from before is stale afterwards: its next commit costs one conflict and a reload.
    /// </summary>
    public async Task<bool> UpdateUserSettingsAsync(string user, bool disabled, QuotaRecord quota, CancellationToken cancellationToken = default)
    {
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return false;
        }

        await _tables.InitializeAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var read = await _tables.Users
                .GetEntityIfExistsAsync<TableEntity>(partition, UserRows.UserRow, cancellationToken: cancellationToken)
                ;
            if (!read.HasValue || read.Value is not { } row)
            {
                return false;
            }

            row[UserRows.Disabled] = disabled;
            TableValues.SetQuota(row, quota);
            try
            {
                await _tables.Users.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                LogRetry("user settings", user, attempt, exception.Status);
                await BackOffAsync(attempt, cancellationToken);
            }
        }

        throw new StoreConflictException($"The user {user} kept changing during {MaxAttempts} attempts to update its settings.");
    }

    public Task<EntryRecord?> GetEntryAsync(string user, WebDavPath path, CancellationToken cancellationToken = default) =>
        ReadEntryAsync(user, path.Value, cancellationToken);

    private async Task<EntryRecord?> ReadEntryAsync(string user, string path, CancellationToken cancellationToken)
    {
        var partition = UserRows.PartitionOf(user);
        var key = UserRows.EntryKey(path);
        if (!TableKeys.Fits(partition) || !TableKeys.Fits(key))
        {
            return null;
        }

        await _tables.InitializeAsync(cancellationToken);
        var read = await _tables.Users
            .GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)
            ;
        return read.HasValue && read.Value is { } row ? ToEntry(row) : null;
    }

    /// <summary>
    /// One query: an exact match on each proper ancestor path (a file there blocks the write), on the path itself, and
    /// the range of '&lt;path&gt;/' (the path is a directory already). Rows come in RowKey order (ancestors, the
    /// entry, then what lies below), so (ancestors + 2) rows decide both. A path deeper than one filter's comparison
    /// limit is split into queries that run side by side.
    /// </summary>
    /// <exception cref="PathTooLongForStoreException">The path is too long for a table key in this profile.</exception>
    public async Task<WriteTarget> InspectWriteAsync(string user, WebDavPath path, CancellationToken cancellationToken = default)
    {
        var below = path.DirectoryPrefix;
        if (!TableKeys.Fits(UserRows.EntryKey(below)))
        {
            // Asked before a write: a path whose key cannot be stored is refused here, not by a failing query.
            throw new PathTooLongForStoreException(
                $"The path is too long for the cluster profile: its table key exceeds {TableKeys.MaxLength} characters.");
        }

        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return new WriteTarget(false, null);
        }

        var entryKey = UserRows.EntryKey(path.Value);
        var alternatives = new List<(string Filter, int Comparisons)>
        {
            (TableClient.CreateQueryFilter($"RowKey eq {entryKey}"), 1),
            (TableClient.CreateQueryFilter(
                $"(RowKey ge {UserRows.EntryKey(below)} and RowKey lt {UserRows.EntryKey(Utf8ByteOrder.DirectoryEnd(below))})"), 2),
        };
        alternatives.AddRange(path.AncestorFiles.Select(
            ancestor => (TableClient.CreateQueryFilter($"RowKey eq {UserRows.EntryKey(ancestor.Value)}"), 1)));

        await _tables.InitializeAsync(cancellationToken);
        var pages = await Task.WhenAll(RowFilters.AnyOf(partition, alternatives).Select(
            query => _tables.Users.QueryRowsAsync(query.Filter, query.Alternatives, cancellationToken)));
        var rows = pages.SelectMany(page => page).ToList();
        var current = rows.Find(row => row.RowKey == entryKey);
        return new WriteTarget(rows.Exists(row => row.RowKey != entryKey), current is null ? null : ToEntry(current));
    }

    public async Task<bool> HasEntriesUnderAsync(string user, WebDavPath directory, CancellationToken cancellationToken = default)
    {
        var upper = Utf8ByteOrder.PrefixEnd(directory.Value) is { } end ? UserRows.EntryKey(end) : UserRows.EntryEnd;
        return await AnyEntryAsync(
            user,
            TableClient.CreateQueryFilter($"RowKey ge {UserRows.EntryKey(directory.Value)} and RowKey lt {upper}"),
            cancellationToken);
    }

    /// <summary>A commit is several table operations, so two of one user's could land out of order: one at a time.</summary>
    public int MaxCommitsInFlight => 1;

    /// <summary>Writes the change durably with its outbox row, then publishes the event; see the type's remarks.</summary>
    /// <exception cref="StoreConflictException">
    /// The current entry's blob id is not the expected one, the expected version is stale, or the user does not exist.
    /// </exception>
    /// <exception cref="PathTooLongForStoreException">The path is too long for a table key in this profile (see <see cref="TableKeys.MaxLength"/>).</exception>
    /// <exception cref="ArgumentException">The new body's id does not name the user (<see cref="BlobIds.New"/>), so the sweeper could not find its reference.</exception>
    public async Task<CommitReceipt> CommitAsync(EntryChange change, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.Fits(UserRows.EntryKey(change.Path.Value)) || !TableKeys.Fits(UserRows.MarkerKey(change.User, 0)))
        {
            throw new PathTooLongForStoreException(
                $"The path (or user key) is too long for the cluster profile: its table key exceeds {TableKeys.MaxLength} characters.");
        }

        if (change.NewEntry is { } entry && !string.Equals(BlobIds.OwnerOf(entry.BlobId), change.User, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The blob id {entry.BlobId} does not name the user {change.User} as its owner.", nameof(change));
        }

        await _tables.InitializeAsync(cancellationToken);
        var (pending, version) = await WriteCommitAsync(change, cancellationToken);
        var published = await PublishAsync(pending, cancellationToken);
        return new CommitReceipt(published, version?.Format());
    }

    /// <summary>A scan of the user rows of the whole table (an admin route): cost O(rows in the users table).</summary>
    public async Task<IReadOnlyList<string>> ListDisabledUsersAsync(CancellationToken cancellationToken = default)
    {
        await _tables.InitializeAsync(cancellationToken);
        var users = new List<string>();
        await foreach (var row in _tables.Users
                           .QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"RowKey eq {UserRows.UserRow}") + $" and {UserRows.Disabled} eq true",
                               select: [UserRows.User],
                               cancellationToken: cancellationToken)
                           )
        {
            users.Add(TableValues.GetRequiredString(row, UserRows.User));
        }

        users.Sort(StringComparer.Ordinal);
        return users;
    }

    /// <summary>
    /// User rows come in partition order, which is the users' order (<see cref="UserRows.PartitionOf"/>). The service
    /// skips the other rows of each partition itself: a page costs O(rows between its first and last user).
    /// </summary>
    public async Task<IReadOnlyList<string>> ListUsersAsync(string? afterUser, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _tables.InitializeAsync(cancellationToken);
        var filter = afterUser is null
            ? TableClient.CreateQueryFilter($"RowKey eq {UserRows.UserRow}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {UserRows.PartitionOf(afterUser)} and RowKey eq {UserRows.UserRow}");
        var rows = await _tables.Users.QueryRowsAsync(filter, limit, cancellationToken, select: [UserRows.User]);
        return [.. rows.Select(row => TableValues.GetRequiredString(row, UserRows.User))];
    }

    /// <summary>A scan of the user rows of the whole table (an admin route): cost O(rows in the users table).</summary>
    public async Task<StoreTotals> GetTotalsAsync(CancellationToken cancellationToken = default)
    {
        await _tables.InitializeAsync(cancellationToken);
        long users = 0;
        long disabled = 0;
        long usedBytes = 0;
        await foreach (var row in _tables.Users
                           .QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"RowKey eq {UserRows.UserRow}"),
                               select: [UserRows.Disabled, UserRows.UsedBytes],
                               cancellationToken: cancellationToken)
                           )
        {
            users++;
            disabled += row.GetBoolean(UserRows.Disabled) == true ? 1 : 0;
            usedBytes += row.GetInt64(UserRows.UsedBytes) ?? 0;
        }

        return new StoreTotals(users, disabled, usedBytes);
    }

    /// <summary>
    /// One point read in the partition of the user the id names (<see cref="BlobIds.OwnerOf"/>): the reference row
    /// exists exactly while an entry holds the blob, since both change in one transaction. An id that names no owner
    /// cannot be attributed, so it counts as referenced and the sweeper keeps it.
    /// </summary>
    public async Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken = default)
    {
        if (BlobIds.OwnerOf(blobId) is not { } owner)
        {
            return true;
        }

        await _tables.InitializeAsync(cancellationToken);
        var reference = await _tables.Users.GetEntityIfExistsAsync<TableEntity>(
            UserRows.PartitionOf(owner), UserRows.BlobReferenceKey(blobId), ["RowKey"], cancellationToken);
        return reference.HasValue;
    }

    /// <summary>
    /// Step (1) of a commit: entry, references, usage and outbox row in one transaction. With an expected version that
    /// transaction is all: conditional on the version's ETag, and a refusal is a conflict for the caller to resolve by
    /// reloading. Without one the user row, the entry and the pending outbox rows are read first (older pending rows
    /// are published before), the expected blob id is checked, and a lost race is retried from a fresh read.
    /// </summary>
    internal async Task<(PendingEvent Pending, UserVersion? Version)> WriteCommitAsync(EntryChange change, CancellationToken cancellationToken)
    {
        if (change.ExpectedVersion is { } text)
        {
            var expected = UserVersion.TryParse(text)
                ?? throw new StoreConflictException($"'{text}' is not a version of the user {change.User} in this store.");
            try
            {
                // Every entry change moves the user row, so its unchanged ETag proves the entry is as the writer saw it.
                return await SubmitCommitAsync(change, expected, ETag.All, cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                throw new StoreConflictException(
                    $"The user {change.User} changed since the writer's version (status {exception.Status}); reload it.");
            }
        }

        var partition = UserRows.PartitionOf(change.User);
        var entryKey = UserRows.EntryKey(change.Path.Value);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var rows = await _tables.Users.QueryRowsAsync(
                TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and (RowKey eq {entryKey} or (RowKey ge {UserRows.OutboxPrefix} and RowKey le {UserRows.UserRow}))"),
                take: null,
                cancellationToken);
            var userRow = rows.Find(r => r.RowKey == UserRows.UserRow)
                ?? throw new StoreConflictException($"The user {change.User} does not exist.");
            await PublishPendingAsync(change.User, rows, cancellationToken);

            var current = rows.Find(r => r.RowKey == entryKey);
            var currentBlobId = current?.GetString(UserRows.BlobId);
            if (!string.Equals(currentBlobId, change.ExpectedBlobId, StringComparison.Ordinal))
            {
                throw new StoreConflictException(
                    $"The entry {change.Path} of {change.User} has blob {currentBlobId ?? "(none)"}, "
                    + $"not {change.ExpectedBlobId ?? "(none)"} as the writer expected.");
            }

            try
            {
                return await SubmitCommitAsync(change, UserVersion.Of(userRow), current?.ETag ?? ETag.All, cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                LogRetry("commit", change.User, attempt, exception.Status);
                await BackOffAsync(attempt, cancellationToken);
            }
        }

        throw new StoreConflictException($"The user {change.User} kept changing during {MaxAttempts} commit attempts.");
    }

    /// <summary>
    /// The transaction of step (1), on the user row as <paramref name="user"/> describes it and the entry (present
    /// exactly when a blob id is expected) at <paramref name="entryETag"/>. Returns the outbox row's event and the
    /// user's version after the commit (null if the service did not say the row's new ETag).
    /// </summary>
    private async Task<(PendingEvent Pending, UserVersion? Version)> SubmitCommitAsync(
        EntryChange change, UserVersion user, ETag entryETag, CancellationToken cancellationToken)
    {
        var partition = UserRows.PartitionOf(change.User);
        var entryKey = UserRows.EntryKey(change.Path.Value);
        var after = user with
        {
            Commits = user.Commits + 1,
            UsedBytes = user.UsedBytes + change.UsedBytesDelta,
            FileCount = user.FileCount + change.FileCountDelta,
        };
        var pending = new PendingEvent(
            change.User, after.Commits, change.Path.Value, change.NewEntry is null, change.NewEntry?.ContentHash, TableValues.ToMicros(change.At));
        var usage = new TableEntity(partition, UserRows.UserRow)
        {
            [UserRows.UsedBytes] = after.UsedBytes,
            [UserRows.FileCount] = after.FileCount,
            [UserRows.LastWrite] = pending.AtMicros,
            [UserRows.Commits] = after.Commits,
        };
        // The user row first: its response carries the row's new ETag.
        var actions = new List<TableTransactionAction>(5)
        {
            new(TableTransactionActionType.UpdateMerge, usage, user.ETag),
            new(TableTransactionActionType.Add, ToOutboxRow(partition, pending)),
        };
        switch (change.NewEntry, change.ExpectedBlobId)
        {
            case ({ } entry, null):
                actions.Add(new(TableTransactionActionType.Add, ToRow(partition, entryKey, change.Path, entry)));
                break;
            case ({ } entry, not null):
                actions.Add(new(TableTransactionActionType.UpdateReplace, ToRow(partition, entryKey, change.Path, entry), entryETag));
                break;
            case (null, not null):
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, entryKey), entryETag));
                break;
        }

        // A body is referenced by at most one entry: adding its reference fails if another entry holds it.
        if (change.NewEntry is { } added && !string.Equals(added.BlobId, change.ExpectedBlobId, StringComparison.Ordinal))
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, UserRows.BlobReferenceKey(added.BlobId))));
        }

        // A replaced body whose id names no owner (ids of earlier versions) has no reference row; the sweeper keeps it.
        if (change.ExpectedBlobId is { } replaced
            && !string.Equals(replaced, change.NewEntry?.BlobId, StringComparison.Ordinal)
            && string.Equals(BlobIds.OwnerOf(replaced), change.User, StringComparison.Ordinal))
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, UserRows.BlobReferenceKey(replaced)), ETag.All));
        }

        var response = await _tables.Users.SubmitTransactionAsync(actions, cancellationToken);
        return (pending, response.Value[0].Headers.ETag is { } etag ? after with { ETag = etag } : null);
    }

    private async Task<bool> AnyEntryAsync(string user, string rowFilter, CancellationToken cancellationToken)
    {
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return false;
        }

        await _tables.InitializeAsync(cancellationToken);
        var found = await _tables.Users.QueryRowsAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and ({rowFilter})",
            take: 1,
            cancellationToken,
            select: ["RowKey"]);
        return found.Count > 0;
    }

    private static UserRecord ToUser(string user, TableEntity row) =>
        new(
            user,
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.CreatedAt)),
            row.GetBoolean(UserRows.Disabled) ?? false,
            TableValues.GetQuota(row),
            TableValues.GetRequiredInt64(row, UserRows.UsedBytes),
            TableValues.GetRequiredInt64(row, UserRows.FileCount),
            TableValues.GetNullableMicros(row, UserRows.LastWrite),
            UserVersion.Of(row).Format());

    private static EntryRecord ToEntry(TableEntity row) =>
        new(
            TableValues.GetRequiredString(row, UserRows.BlobId),
            row.GetBinary(UserRows.ContentHash) ?? [],
            TableValues.GetRequiredInt64(row, UserRows.ContentLength),
            TableValues.GetRequiredString(row, UserRows.ContentType),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.CreatedAt)),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.ModifiedAt)));

    private static TableEntity ToRow(string partition, string key, WebDavPath path, EntryRecord entry) =>
        new(partition, key)
        {
            [UserRows.Path] = path.Value,
            [UserRows.BlobId] = entry.BlobId,
            [UserRows.ContentHash] = entry.ContentHash,
            [UserRows.ContentLength] = entry.ContentLength,
            [UserRows.ContentType] = entry.ContentType,
            [UserRows.CreatedAt] = TableValues.ToMicros(entry.CreatedAt),
            [UserRows.ModifiedAt] = TableValues.ToMicros(entry.ModifiedAt),
        };

    /// <summary>A short randomised pause that grows with the attempt, so contending writers spread out.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(1, 5 + (5 * Math.Min(attempt, 20))), cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Azure user store: {Operation} of {User} lost a race (attempt {Attempt}, status {Status}); retrying")]
    private partial void LogRetry(string operation, string user, int attempt, int status);
}
