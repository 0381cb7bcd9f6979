using System.Text.RegularExpressions;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>One HTTP request a storage client sent: method, path, decoded query and, for a transaction, its body.</summary>
internal sealed partial record LoggedRequest(string Method, string Path, string Query, string? Body)
{
    /// <summary>An entity-group transaction whose operations are on <paramref name="table"/>.</summary>
    public bool IsTransactionOn(string table) =>
        Path.EndsWith("/$batch", StringComparison.Ordinal) && Body is { } body && body.Contains($"/{table}", StringComparison.Ordinal);

    /// <summary>A single-entity read or a query of <paramref name="table"/>.</summary>
    public bool IsReadOf(string table) => Method == "GET" && Path.Contains($"/{table}(", StringComparison.Ordinal);

    /// <summary>How many comparisons the request's $filter makes (Azure Table allows 15).</summary>
    public int FilterComparisons => Comparison().Count(Query);

    [GeneratedRegex(@"\s(eq|ne|gt|ge|lt|le)\s")]
    private static partial Regex Comparison();
}
