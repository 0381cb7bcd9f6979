using System.Text;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// The http relay's <c>/inbox/{id}</c> store-and-forward routes, which the 0.9+ clients use beside /link
/// (pubky/http-relay v0.7.0: src/http_relay/inbox_handler.rs, routes in src/http_relay/server.rs). Status codes and
/// texts are the reference's.
/// </summary>
public static class InboxRoutes
{
    /// <summary>The reference's bound on an id (src/http_relay/response.rs), in UTF-8 bytes of the decoded path segment.</summary>
    public const int MaxIdBytes = 256;

    /// <summary>What the reference answers without a stored Content-Type (axum's default for a byte body).</summary>
    private const string DefaultContentType = "application/octet-stream";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/inbox/{id}/ack", AckStatusAsync);
        endpoints.MapGet("/inbox/{id}/await", AwaitAckAsync);
        endpoints.MapGet("/inbox/{id}", ReadAsync);
        endpoints.MapPost("/inbox/{id}", StoreAsync);
        endpoints.MapDelete("/inbox/{id}", AckAsync);
    }

    private static async Task<IResult> StoreAsync(
        string id, InboxRelay relay, ResourceBounds bounds, IOptions<HttpRelayOptions> options, HttpContext context)
    {
        // The reference's body limit is checked before its handler, so it comes first here too.
        var body = await SmallBody.ReadAsync(context.Request, options.Value.InboxMaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            // axum's answer to a body over DefaultBodyLimit.
            return PlainText.Error(StatusCodes.Status413PayloadTooLarge, "Failed to buffer the request body: length limit exceeded");
        }
        if (TooLong(id) is { } refused)
        {
            return refused;
        }
        var place = bounds.StoredInboxes.Enter(context.Connection.RemoteIpAddress);
        if (place.Refused != BoundScope.None)
        {
            return RefusalResponses.For(BoundedResource.StoredInboxes, place.Refused);
        }
        await relay.StoreAsync(id, new InboxMessage(body, context.Request.ContentType), place);
        return Results.Ok();
    }

    private static Task<IResult> ReadAsync(string id, InboxRelay relay, ResourceBounds bounds, HttpContext context) =>
        BoundedWaitAsync(id, bounds, context, async () => await relay.ReadAsync(id, context.RequestAborted) switch
        {
            { Status: InboxPollStatus.Delivered, Message: { } message } => Results.Bytes(message.Body, message.ContentType ?? DefaultContentType),
            { Status: InboxPollStatus.Gone } => PlainText.Error(StatusCodes.Status404NotFound, "Entry expired"),
            { } other => Answer(other),
            null => Results.Empty,
        });

    private static async Task<IResult> AckAsync(string id, InboxRelay relay) =>
        TooLong(id) ?? (await relay.AckAsync(id) ? Results.Ok() : NotFound());

    private static async Task<IResult> AckStatusAsync(string id, InboxRelay relay) =>
        TooLong(id) ?? (await relay.IsAckedAsync(id) is { } acked ? Results.Text(acked ? "true" : "false", PlainText.ContentType) : NotFound());

    private static Task<IResult> AwaitAckAsync(string id, InboxRelay relay, ResourceBounds bounds, HttpContext context) =>
        BoundedWaitAsync(id, bounds, context, async () => await relay.AwaitAckAsync(id, context.RequestAborted) switch
        {
            { Status: InboxPollStatus.Acked } => Results.Ok(),
            { Status: InboxPollStatus.Gone } => NotFound(),
            { } other => Answer(other),
            null => Results.Empty,
        });

    /// <summary>A long poll holds a connection: it takes a place in the inbox-wait bound first (the id is checked before).</summary>
    private static async Task<IResult> BoundedWaitAsync(string id, ResourceBounds bounds, HttpContext context, Func<Task<IResult>> wait)
    {
        if (TooLong(id) is { } refused)
        {
            return refused;
        }
        using var place = bounds.InboxWaits.Enter(context.Connection.RemoteIpAddress);
        return place.Refused != BoundScope.None ? RefusalResponses.For(BoundedResource.InboxWaits, place.Refused) : await wait();
    }

    private static IResult? TooLong(string id) =>
        Encoding.UTF8.GetByteCount(id) > MaxIdBytes ? PlainText.Error(StatusCodes.Status400BadRequest, "Inbox ID too long") : null;

    private static IResult NotFound() => PlainText.Error(StatusCodes.Status404NotFound, "Not found");

    /// <summary>The answers a read and an ack wait share.</summary>
    private static IResult Answer(InboxPoll poll) => poll.Status switch
    {
        InboxPollStatus.Busy => PlainText.Error(StatusCodes.Status503ServiceUnavailable, "Too many concurrent requests"),
        InboxPollStatus.Waiting => PlainText.Error(StatusCodes.Status408RequestTimeout, "Request timed out"),
        _ => throw new ArgumentOutOfRangeException(nameof(poll), poll.Status, "Not an answer to this wait."),
    };
}
