using System.Text;
using Pubky.Protocol.Events;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// GET /events/: every user's public writes in commit order after an id cursor. Private paths never appear here.
/// An empty page is an empty body, without a cursor line: clients keep their cursor.
/// </summary>
public static class EventsFeedEndpoint
{
    public static async Task Handle(
        HttpContext context, IEventStore events, FeedPageCache pages, StorageEndpoints storage, HomeserverMetrics metrics, TimeProvider clock)
    {
        // Routing ignores a trailing slash, the reference does not: "/events" is a tenant path like any other.
        if (context.Request.Path.Value?.EndsWith('/') != true)
        {
            await storage.Handle(context);
            return;
        }
        await (await Page(context, events, pages, metrics, clock)).ExecuteAsync(context);
    }

    private static async Task<IResult> Page(
        HttpContext context, IEventStore events, FeedPageCache pages, HomeserverMetrics metrics, TimeProvider clock)
    {
        var request = context.Request;
        var cursor = await ResolveCursor(request.Query["cursor"].ToString(), events, context.RequestAborted);
        if (cursor is null)
        {
            return PlainText.Error(400, "Invalid cursor");
        }
        // reverse and shallow are accepted for compatibility and ignored, but must still be valid booleans.
        if (QueryParameters.Flag(request, "reverse") is null || QueryParameters.Flag(request, "shallow") is null)
        {
            return PlainText.Error(400, QueryParameters.InvalidBoolean);
        }
        var limit = QueryParameters.Limit(request);
        if (pages.Get(cursor.Value, limit) is not { } body)
        {
            var started = clock.GetTimestamp();
            var page = await events.ReadFeedAsync(cursor.Value, limit, "/pub/", context.RequestAborted);
            metrics.RecordEventsQuery(clock.GetElapsedTime(started));
            body = Encoding.UTF8.GetBytes(EventFeedFormat.AppendPage(new StringBuilder(), [.. page.Select(e => e.ToFeedEntry())]).ToString());
            pages.Offer(cursor.Value, limit, page.Count, body);
        }
        return Results.Bytes(body, PlainText.ContentType);
    }

    /// <summary>An event id, or a legacy timestamp cursor resolved to the id of the event created at that microsecond.</summary>
    public static async Task<long?> ResolveCursor(string text, IEventStore events, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        if (long.TryParse(text, out var id))
        {
            return id;
        }
        return LegacyTimestampCursor.TryDecode(text, out var micros)
            ? await events.FindEventIdAtAsync(micros, cancellationToken)
            : null;
    }
}
