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
        var (refusal, session) = await AuthorizePrivate(context, request);
        if (refusal is not null)
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
        await delivery.SendAsync(context, "no-cache", source, request.Limit, request.Live, userGrains, session: session);
    }

    /// <summary>
    /// Private paths need exactly one user and that user's session with read access to each private filter; a live
    /// stream that passes is bound to that session (its expiry too, for a bearer), so it ends with it.
    /// </summary>
    private async Task<(IResult? Refusal, StreamSession? Session)> AuthorizePrivate(HttpContext context, EventsStreamRequest request)
    {
        var privateFilters = request.PrivateFilters.ToList();
        if (privateFilters.Count == 0)
        {
            return (null, null);
        }
        if (request.Cursors.Count != 1)
        {
            return (PlainText.Error(403, "A private read must be scoped to exactly one user"), null);
        }
        var z32 = request.Cursors.Keys.Single();
        var user = users.For(z32);
        var hash = SessionCredential.Hash(context.Request, Pubky.Protocol.Keys.PublicKey.ParseZ32(z32));
        var refusal = await Authorize(user, hash, privateFilters);
        if (refusal != Refusal.None)
        {
            return (RefusalResponses.For(refusal), null);
        }
        if (!request.Live)
        {
            // A batch ends by itself once it has sent what was authorised.
            return (null, null);
        }
        // A refusal above means no session, so past it a private filter implies one.
        var secretHash = hash!;
        DateTimeOffset? expiresAt = null;
        if (secretHash == SessionCredential.BearerHash(context.Request) && await user.GetGrantSession(secretHash) is { } grant)
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(grant.TokenExpiresAt, grant.GrantExpiresAt));
        }
        return (null, new StreamSession(secretHash, expiresAt, async () => await Authorize(user, secretHash, privateFilters) == Refusal.None));
    }

    private static async Task<Refusal> Authorize(IUserGrain user, string? hash, IReadOnlyList<string> privateFilters)
    {
        foreach (var filter in privateFilters)
        {
            var refusal = await user.AuthorizeRead(hash, filter);
            if (refusal != Refusal.None)
            {
                return refusal;
            }
        }
        return Refusal.None;
    }
}
