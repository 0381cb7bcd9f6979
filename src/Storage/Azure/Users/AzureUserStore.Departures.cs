using Azure;
using Azure.Data.Tables;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// Departures are the <see cref="UserRows.DepartureRow"/> of the user's partition, so departed users are one scan of
/// those rows in partition (user) order, and recording one never touches the user row a commit's version is tied to.
/// </summary>
public sealed partial class AzureUserStore
{
    /// <summary>One query reads the user row (does the user exist?) and the departure row (when was it first seen?).</summary>
    public async Task<bool> RecordDepartureAsync(string user, string homeserver, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        var partition = UserRows.PartitionOf(user);
        if (!TableKeys.Fits(partition))
        {
            return false;
        }

        await _tables.InitializeAsync(cancellationToken);
        var rows = await _tables.Users.QueryRowsAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and (RowKey eq {UserRows.DepartureRow} or RowKey eq {UserRows.UserRow})"),
            take: null,
            cancellationToken,
            select: ["RowKey", UserRows.DepartedTo, UserRows.FirstSeen]);
        if (!rows.Exists(row => row.RowKey == UserRows.UserRow))
        {
            return false;
        }

        var held = rows.Find(row => row.RowKey == UserRows.DepartureRow);
        var seen = TableValues.ToMicros(seenAt);
        var firstSeen = held is not null && held.GetString(UserRows.DepartedTo) == homeserver
            ? TableValues.GetRequiredInt64(held, UserRows.FirstSeen)
            : seen;
        await _tables.Users.UpsertEntityAsync(
            new TableEntity(partition, UserRows.DepartureRow)
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

    /// <summary>
    /// The republisher passes one page of users at a time, so one range query over their partitions finds the few with
    /// a departure row; only those are deleted.
    /// </summary>
    public async Task ClearDeparturesAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default)
    {
        var partitions = users.Select(UserRows.PartitionOf).Where(TableKeys.Fits).ToHashSet(StringComparer.Ordinal);
        if (partitions.Count == 0)
        {
            return;
        }

        await _tables.InitializeAsync(cancellationToken);
        var rows = await _tables.Users.QueryRowsAsync(
            TableClient.CreateQueryFilter(
                $"PartitionKey ge {partitions.Min(StringComparer.Ordinal)} and PartitionKey le {partitions.Max(StringComparer.Ordinal)} and RowKey eq {UserRows.DepartureRow}"),
            take: null,
            cancellationToken,
            select: ["PartitionKey"]);
        foreach (var row in rows.Where(row => partitions.Contains(row.PartitionKey)))
        {
            try
            {
                await _tables.Users.DeleteEntityAsync(row.PartitionKey, UserRows.DepartureRow, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Cleared meanwhile by another pass: the outcome wanted.
            }
        }
    }

    /// <summary>A page of departure rows, then each user's counters by a point read of its user row, concurrently.</summary>
    public async Task<IReadOnlyList<DepartureRecord>> ListDeparturesAsync(string? afterUser, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _tables.InitializeAsync(cancellationToken);
        var filter = afterUser is null
            ? TableClient.CreateQueryFilter($"RowKey eq {UserRows.DepartureRow}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {UserRows.PartitionOf(afterUser)} and RowKey eq {UserRows.DepartureRow}");
        var rows = await _tables.Users.QueryRowsAsync(filter, limit, cancellationToken);
        return await Task.WhenAll(rows.Select(row => ToDepartureAsync(row, cancellationToken)));
    }

    private async Task<DepartureRecord> ToDepartureAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var user = await _tables.Users.GetEntityAsync<TableEntity>(
            row.PartitionKey, UserRows.UserRow, [UserRows.UsedBytes, UserRows.FileCount], cancellationToken);
        return new DepartureRecord(
            TableValues.GetRequiredString(row, UserRows.User),
            TableValues.GetRequiredString(row, UserRows.DepartedTo),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.FirstSeen)),
            TableValues.FromMicros(TableValues.GetRequiredInt64(row, UserRows.LastSeen)),
            TableValues.GetRequiredInt64(user.Value, UserRows.UsedBytes),
            TableValues.GetRequiredInt64(user.Value, UserRows.FileCount));
    }
}
