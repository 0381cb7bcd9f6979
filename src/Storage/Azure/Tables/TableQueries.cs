using Azure.Data.Tables;

namespace PubkyCluster.Storage.Azure.Tables;

internal static class TableQueries
{
    /// <summary>Runs a query to its end, or until <paramref name="take"/> rows when given (asking the service for no more per page).</summary>
    public static async Task<List<TableEntity>> QueryRowsAsync(
        this TableClient table, string filter, int? take, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var rows = new List<TableEntity>();
        if (take is <= 0)
        {
            return rows;
        }

        await foreach (var row in table
                           .QueryAsync<TableEntity>(filter, maxPerPage: take is { } limit ? Math.Min(limit, 1000) : null, select, cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == take)
            {
                break;
            }
        }

        return rows;
    }
}
