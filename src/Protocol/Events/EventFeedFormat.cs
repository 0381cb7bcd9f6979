using System.Globalization;
using System.Text;

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
    public static string FormatPage(IReadOnlyList<PubkyEvent> events)
    {
        if (events.Count == 0)
        {
            return string.Empty;
        }
        var page = new StringBuilder();
        foreach (var e in events)
        {
            page.Append(e.Line).Append('\n');
        }
        return page.Append("cursor: ").Append(events[^1].Id.ToString(CultureInfo.InvariantCulture)).ToString();
    }

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
