using Azure;
using Azure.Data.Tables;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// Departures live in their own table, one partition <see cref="UserRows.DeparturePartition"/> whose RowKey is
/// <see cref="UserRows.PartitionOf"/>(user): a listing page or the departures among a batch of users is one range of a
/// few rows, however many files the users hold, and recording one never touches the user row a commit's version is
/// tied to.
/// </summary>
public sealed partial class AzureUserStore
{
    /// <summary>Two point reads: does the user exist, and when was this departure first seen?</summary>
    public async Task<bool> RecordDepartureAsync(string user, string homeserver, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        var key = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(key))
        {
            return false;
        }

        await _tables.InitializeAsync(cancellationToken);
        var exists = _tables.Users.GetEntityIfExistsAsync<TableEntity>(key, UserRows.UserRow, ["RowKey"], cancellationToken);
        var held = _tables.Departures.GetEntityIfExistsAsync<TableEntity>(
            UserRows.DeparturePartition, key, [UserRows.DepartedTo, UserRows.FirstSeen], cancellationToken);
        if (!(await exists).HasValue)
        {
            return false;
        }

        var seen = TableValues.ToMicros(seenAt);
        var previous = await held;
        var firstSeen = previous.HasValue && previous.Value!.GetString(UserRows.DepartedTo) == homeserver
            ? TableValues.GetRequiredInt64(previous.Value, UserRows.FirstSeen)
            : seen;
        await _tables.Departures.UpsertEntityAsync(
            new TableEntity(UserRows.DeparturePartition, key)
            {
                [UserRows.User] = user,
                [UserRows.DepartedTo] = homeserver,
                [UserRows.FirstSeen] = firstSeen,
                [UserRows.LastSeen] = seen,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return true;
    }

    /// <summary>The republisher passes one page of users at a time: one range query finds the few departed among them.</summary>
    public async Task ClearDeparturesAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default)
    {
        var keys = users.Select(UserRows.PartitionOf).Where(TableKeys.Fits).ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return;
        }

        await _tables.InitializeAsync(cancellationToken);
        var rows = await _tables.Departures.QueryRowsAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {UserRows.DeparturePartition} and RowKey ge {keys.Min(StringComparer.Ordinal)} and RowKey le {keys.Max(StringComparer.Ordinal)}"),
            take: null,
            cancellationToken,
            select: ["RowKey"]);
        foreach (var row in rows.Where(row => keys.Contains(row.RowKey)))
        {
            try
            {
                await _tables.Departures.DeleteEntityAsync(UserRows.DeparturePartition, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Cleared meanwhile by another pass: the outcome wanted.
            }
        }
    }

    /// <summary>A range of the departures partition, then each user's counters by a point read of its user row, concurrently.</summary>
    public async Task<IReadOnlyList<DepartureRecord>> ListDeparturesAsync(string? afterUser, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _tables.InitializeAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {UserRows.DeparturePartition} and RowKey gt {(afterUser is null ? "" : UserRows.PartitionOf(afterUser))}");
        var rows = await _tables.Departures.QueryRowsAsync(filter, limit, cancellationToken);
        return await Task.WhenAll(rows.Select(row => ToDepartureAsync(row, cancellationToken)));
    }

    private async Task<DepartureRecord> ToDepartureAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var user = await _tables.Users.GetEntityAsync<TableEntity>(
            row.RowKey, UserRows.UserRow, [UserRows.UsedBytes, UserRows.FileCount], cancellationToken);
        return new DepartureRecord(
            TableValues.GetRequiredString(row, UserRows.User),
            TableValues.GetRequiredString(row, UserRows.DepartedTo),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.FirstSeen)),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.LastSeen)),
            TableValues.GetRequiredInt64(user.Value, UserRows.UsedBytes),
            TableValues.GetRequiredInt64(user.Value, UserRows.FileCount));
    }
}
