using System.Globalization;
using System.Text;
using Pubky.Protocol.Resources;

namespace Pubky.Protocol.Events;

/// <summary>
/// The two text renderings of events: the <c>/events/</c> page and one <c>/events-stream</c> SSE message, as
/// pubky-core v0.6.0 prints them (pubky-homeserver/src/client_server/routes/events.rs).
/// </summary>
public static class EventFeedFormat
{
    /// <summary>
    /// Event lines joined by <c>\n</c>, then <c>cursor: &lt;id of the last event&gt;</c>, with no trailing newline. No
    /// events give an empty body (no cursor line), so clients keep their old cursor.
    /// </summary>
    public static string FormatPage(IReadOnlyList<PubkyEvent> events) =>
        AppendPage(new StringBuilder(), [.. events.Select(FeedEntry.Of)]).ToString();

    /// <summary>The page of <see cref="FormatPage"/>, appended to <paramref name="page"/>.</summary>
    public static StringBuilder AppendPage(StringBuilder page, IReadOnlyList<FeedEntry> entries)
    {
        if (entries.Count == 0)
        {
            return page;
        }
        foreach (var entry in entries)
        {
            AppendLine(page, entry.Kind, entry.OwnerZ32, entry.Path).Append('\n');
        }
        return page.Append("cursor: ").Append(entries[^1].Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>One feed line, <c>PUT pubky://&lt;z32&gt;&lt;path&gt;</c>, without its newline.</summary>
    public static StringBuilder AppendLine(StringBuilder page, EventKind kind, string ownerZ32, string path) =>
        page.Append(kind.ToWireName()).Append(' ').Append(PubkyResource.Scheme).Append(ownerZ32).Append(path);

    /// <summary>
    /// <c>event: PUT|DEL</c>, then <c>data:</c> lines for the URI, <c>cursor: N</c> and, for PUT only,
    /// <c>content_hash: &lt;base64&gt;</c>; each line ends in <c>\n</c> and a blank line ends the message. No <c>id:</c>
    /// field, as upstream.
    /// </summary>
    public static string FormatSseMessage(PubkyEvent e)
    {
        var message = new StringBuilder()
            .Append("event: ").Append(e.Kind.ToWireName()).Append('\n')
            .Append("data: ").Append(e.Resource).Append('\n')
            .Append("data: cursor: ").Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (e.ContentHash is { } hash)
        {
            message.Append("data: content_hash: ").Append(hash.ToBase64()).Append('\n');
        }
        return message.Append('\n').ToString();
    }
}
