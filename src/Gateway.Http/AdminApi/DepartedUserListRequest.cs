using static PubkyCluster.Gateway.AdminApi.AdminPageQuery;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The validated query of GET /users/departed (this homeserver's own route): paged as GET /signup_tokens, with the last
/// listed user's z32 key as cursor, so its bad inputs read like that listing's.
/// </summary>
internal sealed record DepartedUserListRequest(string? Cursor, int Limit)
{
    public static (DepartedUserListRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        if (ParseLimit(query, out var limit) is { } limitError)
        {
            return (null, limitError);
        }
        string? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (!AdminUserKey.TryParse(cursorText.ToString(), out var key))
            {
                return (null, $"{Rejection}cursor: Invalid public key");
            }
            cursor = key.Z32;
        }
        return (new DepartedUserListRequest(cursor, limit), null);
    }
}
