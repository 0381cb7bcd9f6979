using Pubky.Protocol.Keys;

namespace Pubky.Client.Events;

/// <summary>
/// What <c>/events-stream</c> sends (spec A5.3): the events of up to 50 users, each after its own cursor; at most
/// <see cref="Limit"/> events; history only, or history then live writes when <see cref="Live"/>; newest first when
/// <see cref="Reverse"/>; only the <see cref="Paths"/> given (spec B6: a filter ending in '/' is a directory, otherwise
/// one exact path; none means <c>/pub/</c>; a <c>/priv/</c> filter needs the user's session and exactly one user).
/// </summary>
public sealed record EventStreamQuery(
    IReadOnlyList<(PublicKey User, long? Cursor)> Users, int? Limit = null, bool Live = false, bool Reverse = false, IReadOnlyList<string>? Paths = null)
{
    /// <summary>Public and private paths: the filter for a user's own stream read with their session.</summary>
    public static IReadOnlyList<string> PublicAndPrivate { get; } = ["/pub/", "/priv/"];

    public static EventStreamQuery For(PublicKey user, long? cursor = null, bool live = false, IReadOnlyList<string>? paths = null) =>
        new([(user, cursor)], Live: live, Paths: paths);

    internal string PathAndQuery()
    {
        var parts = Users.Select(u => "user=" + (u.Cursor is { } cursor ? $"{u.User.Z32}:{cursor}" : u.User.Z32)).ToList();
        if (Limit is { } limit)
        {
            parts.Add($"limit={limit}");
        }
        if (Live)
        {
            parts.Add("live=true");
        }
        if (Reverse)
        {
            parts.Add("reverse=true");
        }
        parts.AddRange((Paths ?? []).Select(path => "path=" + Uri.EscapeDataString(path)));
        return "/events-stream?" + string.Join('&', parts);
    }
}
