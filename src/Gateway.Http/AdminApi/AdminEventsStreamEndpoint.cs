using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The operator's GET /events-stream: the client stream's messages over every event, private ones included, of all
/// users or of the named ones. Named users' grains wake a live stream at once; the firehose has no grain to subscribe
/// to, so it re-reads the log every <see cref="AdminOptions.EventsStreamPollInterval"/>. Never cached: it shows private
/// paths.
/// </summary>
public static class AdminEventsStreamEndpoint
{
    public const string Route = "/events-stream";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Route, Handle);

    private static async Task Handle(HttpContext context, IEventStore events, EventStreamDelivery delivery, IOptions<AdminOptions> options)
    {
        var (request, error) = AdminEventsStreamRequest.Parse(context.Request.Query);
        if (request is null)
        {
            await PlainText.WriteAsync(context.Response, 400, error!);
            return;
        }
        if (await delivery.ExistingUsersAsync(request.Users) is not { } userGrains)
        {
            await PlainText.WriteAsync(context.Response, 404, "Not Found");
            return;
        }
        long? cursor = null;
        if (request.Cursor is { } text)
        {
            // An id is a u64 here, as at the reference's HEAD; the client stream keeps v0.6.0's any integer.
            cursor = text.StartsWith('-') ? null : await EventsFeedEndpoint.ResolveCursor(text, events, context.RequestAborted);
            if (cursor is null)
            {
                await PlainText.WriteAsync(context.Response, 400, "Invalid cursor");
                return;
            }
        }
        IEventPageSource source = request.Users.Count == 0
            ? new LogCursorSource(events, cursor, request.PathFilters, request.Reverse)
            : new UserCursorsSource(events, request.Users.ToDictionary(u => u, _ => cursor), request.PathFilters, request.Reverse);
        var pollEvery = request.Users.Count == 0 ? options.Value.EventsStreamPollInterval : (TimeSpan?)null;
        await delivery.SendAsync(context, "no-store", source, request.Limit, request.Live, userGrains, pollEvery);
    }
}
