using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.ClientApi;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The validated query of the admin GET /events-stream, with the reference's texts for each bad input
/// (admin_server/routes/admin_events.rs). Unlike the client's, <c>user</c> is optional and carries no cursor (one
/// global <c>cursor</c> pages), and no path filter means every path, private ones included. The cursor is resolved
/// later, after the users are known to exist, as the reference does.
/// </summary>
internal sealed record AdminEventsStreamRequest(
    IReadOnlyList<string> Users,
    string? Cursor,
    int? Limit,
    bool Reverse,
    bool Live,
    IReadOnlyList<string> PathFilters)
{
    public static (AdminEventsStreamRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        var users = new List<string>();
        foreach (var value in query["user"].Where(u => !string.IsNullOrEmpty(u)))
        {
            if (!PublicKey.TryParseZ32(value, out var key))
            {
                return (null, $"Invalid public key: {value}");
            }
            if (!users.Contains(key.Z32))
            {
                users.Add(key.Z32);
            }
        }
        if (EventsStreamRequest.ParseLimit(query, out var limit) is { } limitError)
        {
            return (null, limitError);
        }
        var filters = new List<string>();
        foreach (var text in query["path"].Where(p => !string.IsNullOrEmpty(p)))
        {
            var absolute = text!.StartsWith('/') ? text : "/" + text;
            if (!WebDavPath.TryParse(absolute, out var path))
            {
                return (null, $"Invalid path: {absolute}");
            }
            filters.Add(path.Value);
        }
        var reverse = EventsStreamRequest.IsTrue(query["reverse"]);
        var live = EventsStreamRequest.IsTrue(query["live"]);
        if (live && reverse)
        {
            return (null, "Cannot use live mode with reverse ordering");
        }
        if (users.Count > EventsStreamRequest.MaxUsers)
        {
            return (null, $"Too many users. Maximum allowed: {EventsStreamRequest.MaxUsers}");
        }
        var cursor = query["cursor"].ToString();
        return (new AdminEventsStreamRequest(users, cursor.Length == 0 ? null : cursor, limit, reverse, live, filters), null);
    }
}
