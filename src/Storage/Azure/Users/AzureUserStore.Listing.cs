using Azure.Data.Tables;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Azure.Tables;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// Directory listings as RowKey ranges of the user's partition (entry keys sort like paths). A range is the directory's
/// bounds ANDed with the cursor's, so no bound needs to be chosen by hand. Forward: a deep page is one query of
/// <c>limit</c> rows; a shallow page is one single-row query per child, each skipping the sub-directory it found.
/// Backward: tables scan only forwards, so a reverse page is one forward scan of the range before the cursor keeping
/// the last <c>limit</c> results: cost O(entries before the cursor in the directory).
/// </summary>
public sealed partial class AzureUserStore
{
    public async Task<IReadOnlyList<string>> ListAsync(string user, ListQuery request, CancellationToken cancellationToken = default)
    {
        if (!request.Directory.IsDirectory)
        {
            throw new ArgumentException("The listing's path must be a directory.", nameof(request));
        }

        var partition = UserRows.PartitionOf(user);
        if (request.Limit <= 0 || !TableKeys.Fits(partition))
        {
            return [];
        }

        await _tables.InitializeAsync(cancellationToken);
        var directoryRange = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {UserRows.EntryKey(request.Directory.Value)} and RowKey lt {UserRows.EntryKey(Utf8ByteOrder.DirectoryEnd(request.Directory.Value))}");
        return (request.Shallow, request.Reverse) switch
        {
            (false, false) => await ListDeepForwardAsync(directoryRange, request, cancellationToken),
            (true, false) => await ListShallowForwardAsync(directoryRange, request, cancellationToken),
            (_, true) => await ListBackwardAsync(directoryRange, request, cancellationToken),
        };
    }

    private async Task<IReadOnlyList<string>> ListDeepForwardAsync(string directoryRange, ListQuery request, CancellationToken cancellationToken)
    {
        var filter = request.Cursor is null
            ? directoryRange
            : directoryRange + TableClient.CreateQueryFilter($" and RowKey gt {UserRows.EntryKey(request.Cursor)}");
        var rows = await _tables.Users.QueryRowsAsync(filter, request.Limit, cancellationToken, select: [UserRows.Path]);
        return [.. rows.Select(row => TableValues.GetRequiredString(row, UserRows.Path))];
    }

    /// <summary>
    /// A cursor inside a sub-directory (or naming it) stands for the sub-directory, so the page resumes after all of it;
    /// after each child found, the next query starts past it the same way.
    /// </summary>
    private async Task<IReadOnlyList<string>> ListShallowForwardAsync(string directoryRange, ListQuery request, CancellationToken cancellationToken)
    {
        var after = request.Cursor is null ? null : After(request.Directory.Value, request.Cursor);
        var children = new List<string>(request.Limit);
        while (children.Count < request.Limit)
        {
            var next = await _tables.Users.QueryRowsAsync(
                after is null ? directoryRange : $"{directoryRange} and {after}",
                take: 1,
                cancellationToken,
                select: [UserRows.Path]);
            if (next.Count == 0)
            {
                break;
            }

            var path = TableValues.GetRequiredString(next[0], UserRows.Path);
            var child = WebDavPath.SubdirectoryOf(request.Directory.Value, path) ?? path;
            children.Add(child);
            after = After(request.Directory.Value, child);
        }

        return children;
    }

    /// <summary>
    /// One forward scan of [directory, cursor); in a shallow listing each path collapses to its child (a child's paths
    /// are contiguous, so equal neighbours are one child) and a cursor inside a sub-directory stands for its name.
    /// </summary>
    private async Task<IReadOnlyList<string>> ListBackwardAsync(string directoryRange, ListQuery request, CancellationToken cancellationToken)
    {
        var filter = directoryRange;
        if (request.Cursor is { } cursor)
        {
            var before = request.Shallow ? WebDavPath.SubdirectoryOf(request.Directory.Value, cursor) ?? cursor : cursor;
            filter += TableClient.CreateQueryFilter($" and RowKey lt {UserRows.EntryKey(before)}");
        }

        var last = new Queue<string>(request.Limit);
        string? previous = null;
        await foreach (var row in _tables.Users
                           .QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: [UserRows.Path], cancellationToken: cancellationToken)
                           )
        {
            var path = TableValues.GetRequiredString(row, UserRows.Path);
            var item = request.Shallow ? WebDavPath.SubdirectoryOf(request.Directory.Value, path) ?? path : path;
            if (string.Equals(previous, item, StringComparison.Ordinal))
            {
                continue;
            }

            previous = item;
            if (last.Count == request.Limit)
            {
                last.Dequeue();
            }

            last.Enqueue(item);
        }

        return [.. last.Reverse()];
    }

    /// <summary>The filter "strictly after <paramref name="path"/>, and after everything under it when it is (or lies in) a child directory".</summary>
    private static string After(string directory, string path) =>
        WebDavPath.SubdirectoryOf(directory, path) is { } child
            ? TableClient.CreateQueryFilter($"RowKey ge {UserRows.EntryKey(Utf8ByteOrder.DirectoryEnd(child))}")
            : TableClient.CreateQueryFilter($"RowKey gt {UserRows.EntryKey(path)}");
}
