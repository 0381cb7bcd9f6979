using Pubky.Protocol.Events;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>The validated query of GET /events-stream, with the reference's messages for each bad input.</summary>
internal sealed record EventsStreamRequest(
    Dictionary<string, long?> Cursors,
    IReadOnlyList<string> PathFilters,
    int? Limit,
    bool Reverse,
    bool Live)
{
    public const int MaxUsers = 50;

    public IEnumerable<string> PrivateFilters => PathFilters.Where(f => f.StartsWith("/priv/", StringComparison.Ordinal));

    public static async Task<(EventsStreamRequest? Request, string? Error)> ParseAsync(
        IQueryCollection query, IEventStore events, CancellationToken cancellationToken)
    {
        var users = query["user"].Where(u => !string.IsNullOrEmpty(u)).Select(u => u!).ToList();
        if (users.Count == 0)
        {
            return (null, "user parameter is required");
        }
        if (users.Count > MaxUsers)
        {
            return (null, $"Too many users. Maximum allowed: {MaxUsers}");
        }
        var cursors = new Dictionary<string, long?>();
        foreach (var value in users)
        {
            var separator = value.IndexOf(':');
            var keyText = separator < 0 ? value : value[..separator];
            if (!PublicKey.TryParseZ32(keyText, out var key))
            {
                return (null, $"Invalid public key: {keyText}");
            }
            long? cursor = null;
            if (separator >= 0)
            {
                var cursorText = value[(separator + 1)..];
                cursor = long.TryParse(cursorText, out var id)
                    ? id
                    : LegacyTimestampCursor.TryDecode(cursorText, out var micros) ? await events.FindEventIdAtAsync(micros, cancellationToken) : null;
                if (cursor is null)
                {
                    return (null, $"Invalid cursor: {cursorText}");
                }
            }
            cursors.TryAdd(key.Z32, cursor);
        }
        if (ParseLimit(query, out var limit) is { } limitError)
        {
            return (null, limitError);
        }
        var reverse = IsTrue(query["reverse"]);
        var live = IsTrue(query["live"]);
        if (live && reverse)
        {
            return (null, "Cannot use live mode with reverse ordering");
        }
        var filters = new List<string>();
        foreach (var text in query["path"].Where(p => !string.IsNullOrEmpty(p)))
        {
            var absolute = text!.StartsWith('/') ? text : "/" + text;
            if (!WebDavPath.TryParse(absolute, out var path, out var error))
            {
                return (null, $"Invalid path: {error}");
            }
            filters.Add(path.Value);
        }
        // Without a filter a stream shows public data only.
        return (new EventsStreamRequest(cursors, filters.Count > 0 ? filters : ["/pub/"], limit, reverse, live), null);
    }

    /// <summary>The optional <c>limit</c>: null when absent or valid, else the reference's text for why it is not.</summary>
    internal static string? ParseLimit(IQueryCollection query, out int? limit)
    {
        limit = null;
        if (!query.TryGetValue("limit", out var text))
        {
            return null;
        }
        if (!ushort.TryParse(text.ToString(), out var parsed))
        {
            return $"Invalid limit: {text}";
        }
        if (parsed == 0)
        {
            return "limit must be at least 1";
        }
        limit = parsed;
        return null;
    }

    /// <summary>The stream's flags are lax: only "true" and "1" mean true, anything else false, never an error.</summary>
    internal static bool IsTrue(string? value) => value is "true" or "1";
}
