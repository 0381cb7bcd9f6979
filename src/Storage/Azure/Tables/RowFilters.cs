using Azure.Data.Tables;

namespace PubkyCluster.Storage.Azure.Tables;

/// <summary>
/// Queries for "any of these rows of one partition". Azure Table refuses a filter of more than
/// <see cref="MaxComparisons"/> comparisons, so alternatives are split into as few filters as that allows; the caller
/// runs them side by side.
/// </summary>
internal static class RowFilters
{
    public const int MaxComparisons = 15;

    /// <summary>
    /// Filters that together match every row matching one of <paramref name="alternatives"/> (each a RowKey filter and
    /// the comparisons it makes), in their order, with how many alternatives each filter holds.
    /// </summary>
    public static List<(string Filter, int Alternatives)> AnyOf(
        string partition, IEnumerable<(string Filter, int Comparisons)> alternatives)
    {
        var filters = new List<(string, int)>();
        var chunk = new List<string>();
        // The partition's own comparison is part of every filter.
        var comparisons = 1;
        foreach (var (filter, cost) in alternatives)
        {
            if (chunk.Count > 0 && comparisons + cost > MaxComparisons)
            {
                filters.Add((Build(partition, chunk), chunk.Count));
                chunk = [];
                comparisons = 1;
            }

            chunk.Add(filter);
            comparisons += cost;
        }

        if (chunk.Count > 0)
        {
            filters.Add((Build(partition, chunk), chunk.Count));
        }

        return filters;
    }

    private static string Build(string partition, List<string> chunk) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and ({string.Join(" or ", chunk)})";
}
