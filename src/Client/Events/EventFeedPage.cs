namespace Pubky.Client.Events;

/// <summary>
/// A page of the global <c>/events/</c> feed (spec A5.2): lines <c>PUT|DEL pubky://…</c> then <c>cursor: &lt;id&gt;</c>;
/// an empty page has no cursor. Ask for the next page from <see cref="Cursor"/>.
/// </summary>
public sealed record EventFeedPage(IReadOnlyList<FeedEvent> Events, long? Cursor)
{
    private const string CursorPrefix = "cursor: ";

    internal static EventFeedPage Parse(string body)
    {
        if (body.Length == 0)
        {
            return new EventFeedPage([], null);
        }
        var events = new List<FeedEvent>();
        long? cursor = null;
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith(CursorPrefix, StringComparison.Ordinal))
            {
                cursor = long.Parse(line.AsSpan(CursorPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException($"An event line is '<PUT|DEL> <url>': '{line}'.");
            }
            events.Add(new FeedEvent(FeedEvent.KindOf(line[..space]), PubkyUrl.Parse(line[(space + 1)..])));
        }
        return new EventFeedPage(events, cursor);
    }
}
