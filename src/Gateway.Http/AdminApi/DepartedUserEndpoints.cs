using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Operators;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// GET /users/departed: users whose PKARR record points at another homeserver (found by the user-record republisher,
/// README "Network"), with what their files use here, so an operator can reclaim the space (issue 14).
/// </summary>
public static class DepartedUserEndpoints
{
    public const string Route = "/users/departed";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Route, ListAsync);

    private static async Task<IResult> ListAsync(IGrainFactory grains, HttpContext context)
    {
        var (request, error) = DepartedUserListRequest.Parse(context.Request.Query);
        if (request is null)
        {
            return PlainText.Error(StatusCodes.Status400BadRequest, error!);
        }

        var page = await grains.GetGrain<IHomeserverTotalsGrain>(0).ListDepartedUsers(request.Cursor, request.Limit);
        return AdminJson.Ok(new DepartedUserList(
            [.. page.Items.Select(u => new DepartedUserListItem(
                u.User, u.Homeserver, AdminJson.NaiveUtc(u.FirstSeen), AdminJson.NaiveUtc(u.LastSeen), u.UsedBytes, u.Files))],
            page.NextCursor));
    }
}

/// <summary>Shaped like the signup-token listing's response.</summary>
internal sealed record DepartedUserList(IReadOnlyList<DepartedUserListItem> Items, string? NextCursor);

/// <summary>Keys in z32; times as the signup-token listing writes them; used_bytes counts 256 bytes per file, as quotas do.</summary>
internal sealed record DepartedUserListItem(string User, string Homeserver, string FirstSeen, string LastSeen, long UsedBytes, long Files);
