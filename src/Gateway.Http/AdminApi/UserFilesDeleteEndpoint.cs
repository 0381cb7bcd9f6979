using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.AdminApi.Dav;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// DELETE /users/{key}/files: reclaims a (departed) user's space in one call. Every file is deleted through the user
/// grain as DELETE /webdav does one, so used bytes, the index and the DELETE events stay exact; the walk goes page by
/// page (Admin:DavPageSize) strictly after the last page's final path, so it ends however many files there are. The
/// user itself stays (disable it to stop new writes).
/// </summary>
public static class UserFilesDeleteEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapDelete("/users/{key}/files", DeleteAllAsync);

    private static async Task<IResult> DeleteAllAsync(
        string key, UserGrains users, ReleasedBlobs releasedBlobs, IOptions<AdminOptions> options, CancellationToken cancellationToken)
    {
        if (!AdminUserKey.TryParse(key, out var user))
        {
            return AdminUserKey.Invalid();
        }
        var grain = users.For(user.Z32);
        if (await grain.GetUsage() is null)
        {
            return UserEndpoints.UserNotFound();
        }
        long deleted = 0;
        await foreach (var page in DavListing.PagesAsync(grain, WebDavPath.Root, options.Value.DavPageSize, shallow: false, cancellationToken))
        {
            foreach (var file in page)
            {
                deleted += await WebDavDeleteEndpoint.TryDeleteFileAsync(grain, file.Path, releasedBlobs) ? 1 : 0;
            }
        }
        return AdminJson.Ok(new UserFilesDeleted(deleted));
    }
}

/// <summary>How many files the call deleted (a file deleted meanwhile by someone else is not counted).</summary>
internal sealed record UserFilesDeleted(long DeletedFiles);
