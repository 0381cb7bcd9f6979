using System.Text;
using Pubky.Protocol.Events;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Sends committed events as Server-Sent Events, for the client's and the operator's /events-stream. History comes
/// from the source in pages of 100; in live mode the stream subscribes to the given user grains first, then reads
/// history, then waits for wake-ups (or, with a poll interval, at most that long) and re-reads from its cursors, so an
/// event committed at any moment is delivered exactly once. A live stream ends cleanly when the gateway starts
/// shutting down, so the client reconnects (elsewhere) from its last cursor instead of holding the shutdown until it is
/// cut off; a live private stream also ends when its <see cref="StreamSession"/> does.
/// </summary>
public sealed class EventStreamDelivery(
    IGrainFactory grains, UserGrains users, HomeserverMetrics metrics, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    private const int PageSize = 100;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Well within the user grain's subscriber lease, so a live stream never lapses.</summary>
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(40);

    /// <summary>The grains of <paramref name="keys"/>, or null when any of those users does not exist.</summary>
    public async Task<List<IUserGrain>?> ExistingUsersAsync(IEnumerable<string> keys)
    {
        var userGrains = keys.Select(users.For).ToList();
        return (await Task.WhenAll(userGrains.Select(g => g.Exists()))).All(exists => exists) ? userGrains : null;
    }

    /// <summary>
    /// Streams up to <paramref name="limit"/> events (all when null). Live, it is woken by <paramref name="wakers"/>'
    /// commits; with <paramref name="pollEvery"/> it also re-reads that often, for events no subscribed grain announces;
    /// with <paramref name="session"/> it lasts only as long as that session.
    /// </summary>
    public async Task SendAsync(
        HttpContext context, string cacheControl, IEventPageSource source, int? limit, bool live,
        IReadOnlyList<IUserGrain> wakers, TimeSpan? pollEvery = null, StreamSession? session = null)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = cacheControl;
        var opened = clock.GetTimestamp();
        metrics.StreamOpened();
        try
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var remaining = limit ?? int.MaxValue;
            if (live)
            {
                await Follow(context, source, remaining, wakers, pollEvery, session);
            }
            else
            {
                await SendAvailable(context, source, remaining);
            }
        }
        finally
        {
            metrics.StreamClosed(clock.GetElapsedTime(opened));
        }
    }

    private async Task Follow(
        HttpContext context, IEventPageSource source, int remaining, IReadOnlyList<IUserGrain> wakers, TimeSpan? pollEvery,
        StreamSession? session)
    {
        using var observer = new StreamWakeObserver(clock, session?.SecretHash);
        var reference = grains.CreateObjectReference<IUserEventObserver>(observer);
        using var expiry = session?.ExpiresAt is { } expiresAt
            ? new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(0, (expiresAt - clock.GetUtcNow()).Ticks)), clock)
            : new CancellationTokenSource();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping, observer.SessionEnded, expiry.Token);
        try
        {
            await Task.WhenAll(wakers.Select(g => g.Subscribe(reference)));
            var renewedAt = clock.GetTimestamp();
            if (session is not null && !await session.StillAuthorizedAsync())
            {
                return;
            }
            remaining -= await SendAvailable(context, source, remaining);
            var quietSince = clock.GetTimestamp();
            while (remaining > 0 && !ending.IsCancellationRequested)
            {
                var woken = await observer.WaitAsync(pollEvery ?? KeepAlive, ending.Token);
                // A wake-up and the end of the session may arrive together: nothing more is sent once it ended.
                ending.Token.ThrowIfCancellationRequested();
                if (woken || pollEvery is not null)
                {
                    var sent = await SendAvailable(context, source, remaining);
                    remaining -= sent;
                    quietSince = sent > 0 ? clock.GetTimestamp() : quietSince;
                }
                // Without polling a timeout is itself the quiet interval; with it, quiet is counted across polls.
                if (!woken && (pollEvery is null || clock.GetElapsedTime(quietSince) >= KeepAlive))
                {
                    await Write(context, ": keep-alive\n\n");
                    quietSince = clock.GetTimestamp();
                }
                if (clock.GetElapsedTime(renewedAt) > RenewEvery)
                {
                    await Task.WhenAll(wakers.Select(g => g.Subscribe(reference)));
                    renewedAt = clock.GetTimestamp();
                    if (session is not null && !await session.StillAuthorizedAsync())
                    {
                        return;
                    }
                    // A renewal late enough that the lease had lapsed (a stalled process, a clock jump) may have missed
                    // wake-ups: read once more, as after the first subscription.
                    var caughtUp = await SendAvailable(context, source, remaining);
                    remaining -= caughtUp;
                    quietSince = caughtUp > 0 ? clock.GetTimestamp() : quietSince;
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away, the gateway is shutting down, or the stream's session ended: the response ends here.
        }
        finally
        {
            await Task.WhenAll(wakers.Select(g => g.Unsubscribe(reference)));
            grains.DeleteObjectReference<IUserEventObserver>(reference);
        }
    }

    /// <summary>Sends what the source holds past its cursors, at most <paramref name="limit"/> events; returns how many.</summary>
    private async Task<int> SendAvailable(HttpContext context, IEventPageSource source, int limit)
    {
        var sent = 0;
        while (sent < limit)
        {
            var started = clock.GetTimestamp();
            var page = await source.ReadAsync(Math.Min(PageSize, limit - sent), context.RequestAborted);
            metrics.RecordEventStreamQuery(clock.GetElapsedTime(started));
            if (page.Count == 0)
            {
                break;
            }
            foreach (var committed in page)
            {
                await Write(context, EventFeedFormat.FormatSseMessage(committed.ToPubkyEvent()));
                source.Advance(committed);
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
