using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// The http relay's <c>/link/{id}</c> rendezvous (pubky-core v0.6.0: http-relay/src/http_relay.rs), which the
/// pubkyauth flow uses to hand an encrypted AuthToken from the signer (POST) to the waiting app (GET); beside it the
/// 0.9+ clients' <c>/inbox/{id}</c> (<see cref="InboxRoutes"/>).
/// </summary>
public static class HttpRelayArea
{
    /// <summary>An encrypted AuthToken is a few hundred bytes; anything near this limit is not a pubkyauth message.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string ContentType = "application/octet-stream";

    public static IServiceCollection AddHttpRelay(this IServiceCollection services) => services.AddSingleton<LinkRendezvous>().AddSingleton<InboxRelay>();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/link/{id}", ConsumeAsync);
        endpoints.MapPost("/link/{id}", ProduceAsync);
        InboxRoutes.Map(endpoints);
    }

    private static async Task<IResult> ConsumeAsync(string id, LinkRendezvous rendezvous, ResourceBounds bounds, HttpContext context)
    {
        using var place = bounds.LinkWaits.Enter(context.Connection.RemoteIpAddress);
        if (place.Refused != BoundScope.None)
        {
            return RefusalResponses.For(BoundedResource.LinkWaits, place.Refused);
        }
        var outcome = await rendezvous.ConsumeAsync(id, context.RequestAborted);
        return outcome.Kind == LinkOutcomeKind.Delivered ? Results.Bytes(outcome.Body ?? [], ContentType) : Answer(outcome);
    }

    private static async Task<IResult> ProduceAsync(string id, LinkRendezvous rendezvous, ResourceBounds bounds, HttpContext context)
    {
        // Taken before the body is read: a waiting producer's body is what the bound keeps in check.
        using var place = bounds.LinkWaits.Enter(context.Connection.RemoteIpAddress);
        if (place.Refused != BoundScope.None)
        {
            return RefusalResponses.For(BoundedResource.LinkWaits, place.Refused);
        }
        var body = await SmallBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return PlainText.Error(StatusCodes.Status413PayloadTooLarge, "Payload too large");
        }
        var outcome = await rendezvous.ProduceAsync(id, body, context.RequestAborted);
        return outcome.Kind == LinkOutcomeKind.Delivered ? Results.Ok() : Answer(outcome);
    }

    private static IResult Answer(LinkOutcome outcome) => outcome.Kind switch
    {
        LinkOutcomeKind.Displaced => PlainText.Error(StatusCodes.Status404NotFound, "Not Found"),
        LinkOutcomeKind.TimedOut => PlainText.Error(StatusCodes.Status408RequestTimeout, "Request timed out"),
        _ => Results.Empty,
    };
}
