using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// GET /events-stream: Server-Sent Events of some users' writes, public ones unless the request is entitled to a
/// private filter; delivery (history, live wake-ups, shutdown) is <see cref="EventStreamDelivery"/>'s.
/// </summary>
public sealed class EventsStreamEndpoint(UserGrains users, IEventStore events, EventStreamDelivery delivery, ResourceBounds bounds)
{
    public async Task Handle(HttpContext context)
    {
        // Taken before anything is read, so a refused client costs nothing; held until the response ends.
        using var place = bounds.EventStreams.Enter(context.Connection.RemoteIpAddress);
        if (place.Refused != BoundScope.None)
        {
            await RefusalResponses.For(BoundedResource.EventStreams, place.Refused).ExecuteAsync(context);
            return;
        }
        var (request, error) = await EventsStreamRequest.ParseAsync(context.Request.Query, events, context.RequestAborted);
        if (request is null)
        {
            await PlainText.WriteAsync(context.Response, 400, error!);
            return;
        }
        if (await Refuse(context, request) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        if (await delivery.ExistingUsersAsync(request.Cursors.Keys) is not { } userGrains)
        {
            await PlainText.WriteAsync(context.Response, 404, "Not Found");
            return;
        }
        var source = new UserCursorsSource(events, request.Cursors, request.PathFilters, request.Reverse);
        await delivery.SendAsync(context, "no-cache", source, request.Limit, request.Live, userGrains);
    }

    /// <summary>Private paths need exactly one user and that user's session with read access to each private filter.</summary>
    private async Task<IResult?> Refuse(HttpContext context, EventsStreamRequest request)
    {
        var privateFilters = request.PrivateFilters.ToList();
        if (privateFilters.Count == 0)
        {
            return null;
        }
        if (request.Cursors.Count != 1)
        {
            return PlainText.Error(403, "A private read must be scoped to exactly one user");
        }
        var user = Pubky.Protocol.Keys.PublicKey.ParseZ32(request.Cursors.Keys.Single());
        var hash = SessionCredential.Hash(context.Request, user);
        foreach (var filter in privateFilters)
        {
            var refusal = await users.For(user.Z32).AuthorizeRead(hash, filter);
            if (refusal != Refusal.None)
            {
                return RefusalResponses.For(refusal);
            }
        }
        return null;
    }
}
