using System.Runtime.CompilerServices;
using Pubky.Protocol.Paths;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// A directory's children, read page by page (Admin:DavPageSize) through the user grain's listing, so a
/// directory of any size is never held whole: the WebDAV answers stream each page as it comes.
/// </summary>
public static class DavListing
{
    /// <summary>
    /// Shallow: the immediate children, directories ending in '/'; deep: every file below. Ends when a page comes back
    /// short; every page starts strictly after the last one's final path.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<ListedEntry>> PagesAsync(
        IUserGrain user, WebDavPath directory, int pageSize, bool shallow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await user.AdminList(new ListRequest(directory.Value, cursor, pageSize, Reverse: false, shallow));
            if (page.Count > 0)
            {
                yield return page;
            }
            if (page.Count < pageSize)
            {
                yield break;
            }
            cursor = page[^1].Path;
        }
    }

    /// <summary>Whether anything lies under <paramref name="directory"/> (directories exist only as prefixes of files).</summary>
    public static async Task<bool> ExistsAsync(IUserGrain user, WebDavPath directory) =>
        (await user.AdminList(new ListRequest(directory.Value, null, 1, Reverse: false, Shallow: true))).Count > 0;
}
