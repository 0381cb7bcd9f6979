using System.Text;
using Pubky.Protocol.Events;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// GET /events-stream: Server-Sent Events of some users' writes. History comes from the event store in pages of 100;
/// in live mode the stream subscribes to the users' grains first, then reads history, then waits for wake-ups and
/// re-reads from its per-user cursors, so an event committed at any moment is delivered exactly once. A live stream
/// ends cleanly when the gateway starts shutting down, so the client reconnects (elsewhere) from its last cursor
/// instead of holding the shutdown until it is cut off.
/// </summary>
public sealed class EventsStreamEndpoint(
    IGrainFactory grains, UserGrains users, IEventStore events, HomeserverMetrics metrics, TimeProvider clock, IHostApplicationLifetime lifetime,
    ResourceBounds bounds)
{
    private const int PageSize = 100;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Well within the user grain's subscriber lease, so a live stream never lapses.</summary>
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(40);

    public async Task Handle(HttpContext context)
    {
        // Taken before anything is read, so a refused client costs nothing; held until the response ends.
        using var place = bounds.EventStreams.Enter(context.Connection.RemoteIpAddress);
        if (place.Refused != BoundScope.None)
        {
            await RefusalResponses.For(BoundedResource.EventStreams, place.Refused).ExecuteAsync(context);
            return;
        }
        var aborted = context.RequestAborted;
        var (request, error) = await EventsStreamRequest.ParseAsync(context.Request.Query, events, aborted);
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
        var userGrains = request.Cursors.Keys.Select(u => users.For(u)).ToList();
        if ((await Task.WhenAll(userGrains.Select(g => g.Exists()))).Any(exists => !exists))
        {
            await PlainText.WriteAsync(context.Response, 404, "Not Found");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var opened = clock.GetTimestamp();
        metrics.StreamOpened();
        try
        {
            await context.Response.Body.FlushAsync(aborted);
            await Stream(context, request, userGrains);
        }
        finally
        {
            metrics.StreamClosed(clock.GetElapsedTime(opened));
        }
    }

    private async Task Stream(HttpContext context, EventsStreamRequest request, List<IUserGrain> userGrains)
    {
        var aborted = context.RequestAborted;
        var remaining = request.Limit ?? int.MaxValue;
        if (!request.Live)
        {
            await SendAvailable(context, request, remaining);
            return;
        }
        var observer = new StreamWakeObserver(clock);
        var reference = grains.CreateObjectReference<IUserEventObserver>(observer);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
        try
        {
            await Task.WhenAll(userGrains.Select(g => g.Subscribe(reference)));
            var renewedAt = clock.GetTimestamp();
            remaining -= await SendAvailable(context, request, remaining);
            while (remaining > 0 && !ending.IsCancellationRequested)
            {
                if (await observer.WaitAsync(KeepAlive, ending.Token))
                {
                    remaining -= await SendAvailable(context, request, remaining);
                }
                else
                {
                    await Write(context, ": keep-alive\n\n");
                }
                if (clock.GetElapsedTime(renewedAt) > RenewEvery)
                {
                    await Task.WhenAll(userGrains.Select(g => g.Subscribe(reference)));
                    renewedAt = clock.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away, or the gateway is shutting down: the response ends here.
        }
        finally
        {
            await Task.WhenAll(userGrains.Select(g => g.Unsubscribe(reference)));
            grains.DeleteObjectReference<IUserEventObserver>(reference);
        }
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

    /// <summary>Sends what the store holds past the cursors, at most <paramref name="limit"/> events; returns how many.</summary>
    private async Task<int> SendAvailable(HttpContext context, EventsStreamRequest request, int limit)
    {
        var sent = 0;
        while (sent < limit)
        {
            var started = clock.GetTimestamp();
            var page = await events.ReadUsersAsync(
                new EventQuery(request.Cursors, request.PathFilters, request.Reverse, Math.Min(PageSize, limit - sent)),
                context.RequestAborted);
            metrics.RecordEventStreamQuery(clock.GetElapsedTime(started));
            if (page.Count == 0)
            {
                break;
            }
            foreach (var committed in page)
            {
                await Write(context, EventFeedFormat.FormatSseMessage(committed.ToPubkyEvent()));
                request.Cursors[committed.User] = committed.Id;
                sent++;
            }
        }
        return sent;
    }

    /// <summary>A client that does not take a message within the write timeout is dropped rather than buffered for.</summary>
    private async Task Write(HttpContext context, string text)
    {
        using var deadline = new CancellationTokenSource(WriteTimeout, clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline.Token);
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), timeout.Token);
        await context.Response.Body.FlushAsync(timeout.Token);
    }
}
