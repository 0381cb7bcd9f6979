using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// DELETE /webdav/{key}/pub/{path} (and /priv/): an operator removes a user's file through the user grain, so used
/// bytes, the entry index and the DELETE event change exactly as for the user's own delete.
/// </summary>
public static class WebDavDeleteEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapDelete("/webdav/{*target}", DeleteAsync);

    private static async Task<IResult> DeleteAsync(string? target, UserGrains users, ReleasedBlobs releasedBlobs)
    {
        target ??= "";
        var slash = target.IndexOf('/');
        if (!AdminUserKey.TryParse(slash < 0 ? target : target[..slash], out var user))
        {
            return AdminUserKey.Invalid();
        }
        if (slash < 0 || !WebDavPath.TryParse(target[slash..], out var path) || !(path.IsPublic || path.IsPrivate))
        {
            return PlainText.Error(StatusCodes.Status400BadRequest,
                "Invalid path: expected /webdav/<public key>/pub/<path> or /webdav/<public key>/priv/<path>");
        }
        return await DeleteFileAsync(users.For(user.Z32), path, releasedBlobs);
    }

    /// <summary>The operator's delete of one file, shared with the WebDAV's DELETE: 204, or 404 for no such file or user.</summary>
    public static async Task<IResult> DeleteFileAsync(IUserGrain user, WebDavPath path, ReleasedBlobs releasedBlobs) =>
        await TryDeleteFileAsync(user, path.Value, releasedBlobs)
            ? Results.NoContent()
            : PlainText.Error(StatusCodes.Status404NotFound, "Not Found");

    /// <summary>Deletes the file and its body; false when there was no such file or user.</summary>
    public static async Task<bool> TryDeleteFileAsync(IUserGrain user, string path, ReleasedBlobs releasedBlobs)
    {
        var outcome = await user.AdminDelete(path);
        if (!outcome.IsCommitted)
        {
            return false;
        }
        await releasedBlobs.DeleteAsync(outcome.ReleasedBlobId);
        return true;
    }
}
