using Microsoft.Data.Sqlite;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Users;

/// <summary>
/// Directory listings as range seeks on the (user, path) primary key. A deep page is one range query; a shallow page
/// is one seek per child, each skipping the whole sub-directory it found, so its cost never depends on how many
/// entries a sub-directory holds.
/// </summary>
public sealed partial class SqliteUserStore
{
    /// <summary>Paths in [$directory, $upper), descending: a range on the primary key read backwards.</summary>
    internal const string BackwardSeekSql = """
        SELECT path FROM entries
        WHERE user_key = $user AND path >= $directory AND path < $upper
        ORDER BY path DESC LIMIT $limit
        """;

    /// <summary>Paths from $lower up to (excluding) $upper, ascending: a range on the primary key.</summary>
    internal static string ForwardSeekSql(bool inclusive) => $"""
        SELECT path FROM entries
        WHERE user_key = $user AND path {(inclusive ? ">=" : ">")} $lower AND path < $upper
        ORDER BY path LIMIT $limit
        """;

    public Task<IReadOnlyList<string>> ListAsync(string user, ListQuery request, CancellationToken cancellationToken = default)
    {
        if (!request.Directory.IsDirectory)
        {
            throw new ArgumentException("The listing's path must be a directory.", nameof(request));
        }

        if (request.Limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return database.ReadAsync<IReadOnlyList<string>>(
            (connection, token) => (request.Shallow, request.Reverse) switch
            {
                (false, false) => ListDeepForwardAsync(connection, user, request, token),
                (false, true) => ListDeepBackwardAsync(connection, user, request, token),
                (true, false) => ListShallowForwardAsync(connection, user, request, token),
                (true, true) => ListShallowBackwardAsync(connection, user, request, token),
            },
            cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ListDeepForwardAsync(
        SqliteConnection connection, string user, ListQuery request, CancellationToken cancellationToken)
    {
        var lower = LowerBound(request.Directory.Value, request.Cursor, shallow: false);
        return await SeekForwardAsync(connection, user, lower, Utf8ByteOrder.DirectoryEnd(request.Directory.Value), request.Limit, cancellationToken)
            ;
    }

    private async Task<IReadOnlyList<string>> ListDeepBackwardAsync(
        SqliteConnection connection, string user, ListQuery request, CancellationToken cancellationToken)
    {
        var upper = UpperBound(request.Directory.Value, request.Cursor, shallow: false);
        return await SeekBackwardAsync(connection, user, request.Directory.Value, upper, request.Limit, cancellationToken)
            ;
    }

    private async Task<IReadOnlyList<string>> ListShallowForwardAsync(
        SqliteConnection connection, string user, ListQuery request, CancellationToken cancellationToken)
    {
        var directory = request.Directory.Value;
        var end = Utf8ByteOrder.DirectoryEnd(directory);
        var lower = LowerBound(directory, request.Cursor, shallow: true);
        var children = new List<string>(request.Limit);
        while (children.Count < request.Limit)
        {
            var next = await SeekForwardAsync(connection, user, lower, end, 1, cancellationToken);
            if (next.Count == 0)
            {
                break;
            }

            var path = next[0];
            if (WebDavPath.SubdirectoryOf(directory, path) is { } child)
            {
                children.Add(child);
                lower = new LowerBoundary(Utf8ByteOrder.DirectoryEnd(child), Inclusive: true);
            }
            else
            {
                children.Add(path);
                lower = new LowerBoundary(path, Inclusive: false);
            }
        }

        return children;
    }

    private async Task<IReadOnlyList<string>> ListShallowBackwardAsync(
        SqliteConnection connection, string user, ListQuery request, CancellationToken cancellationToken)
    {
        var directory = request.Directory.Value;
        var upper = UpperBound(directory, request.Cursor, shallow: true);
        var children = new List<string>(request.Limit);
        while (children.Count < request.Limit)
        {
            var previous = await SeekBackwardAsync(connection, user, directory, upper, 1, cancellationToken);
            if (previous.Count == 0)
            {
                break;
            }

            // Every path under a child directory sorts at or after the directory's own name, so the name is the bound.
            upper = WebDavPath.SubdirectoryOf(directory, previous[0]) ?? previous[0];
            children.Add(upper);
        }

        return children;
    }

    /// <summary>
    /// Where a forward page starts: the directory itself, or after the cursor when that is later. In a shallow
    /// listing a cursor inside a sub-directory (or naming it) stands for that sub-directory, so the page resumes after
    /// everything under it.
    /// </summary>
    private static LowerBoundary LowerBound(string directory, string? cursor, bool shallow)
    {
        var start = new LowerBoundary(directory, Inclusive: true);
        if (cursor is null)
        {
            return start;
        }

        var afterCursor = shallow && WebDavPath.SubdirectoryOf(directory, cursor) is { } child
            ? new LowerBoundary(Utf8ByteOrder.DirectoryEnd(child), Inclusive: true)
            : new LowerBoundary(cursor, Inclusive: false);
        var order = Utf8ByteOrder.Instance.Compare(afterCursor.Value, start.Value);
        return order > 0 || (order == 0 && !afterCursor.Inclusive) ? afterCursor : start;
    }

    /// <summary>
    /// Where a backward page starts (exclusive): the end of the directory, or the cursor when that is earlier; in a
    /// shallow listing a cursor inside a sub-directory stands for the sub-directory's name.
    /// </summary>
    private static string UpperBound(string directory, string? cursor, bool shallow)
    {
        var end = Utf8ByteOrder.DirectoryEnd(directory);
        if (cursor is null)
        {
            return end;
        }

        var beforeCursor = shallow ? WebDavPath.SubdirectoryOf(directory, cursor) ?? cursor : cursor;
        return Utf8ByteOrder.Instance.Compare(beforeCursor, end) < 0 ? beforeCursor : end;
    }

    /// <summary>Up to <paramref name="limit"/> paths from <paramref name="lower"/> up to (excluding) <paramref name="upper"/>, ascending.</summary>
    private async Task<IReadOnlyList<string>> SeekForwardAsync(
        SqliteConnection connection, string user, LowerBoundary lower, string upper, int limit, CancellationToken cancellationToken)
    {
        using var command = database.Command(connection, ForwardSeekSql(lower.Inclusive));
        command.Parameters.Bind("$user", user);
        command.Parameters.Bind("$lower", lower.Value);
        command.Parameters.Bind("$upper", upper);
        command.Parameters.Bind("$limit", limit);
        return await ReadStringsAsync(command, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> paths from <paramref name="directory"/> up to (excluding) <paramref name="upper"/>, descending.</summary>
    private async Task<IReadOnlyList<string>> SeekBackwardAsync(
        SqliteConnection connection, string user, string directory, string upper, int limit, CancellationToken cancellationToken)
    {
        using var command = database.Command(connection, BackwardSeekSql);
        command.Parameters.Bind("$user", user);
        command.Parameters.Bind("$directory", directory);
        command.Parameters.Bind("$upper", upper);
        command.Parameters.Bind("$limit", limit);
        return await ReadStringsAsync(command, cancellationToken);
    }

    /// <summary>The lower end of a forward range; exclusive for a cursor, inclusive for a computed bound.</summary>
    private readonly record struct LowerBoundary(string Value, bool Inclusive);
}
