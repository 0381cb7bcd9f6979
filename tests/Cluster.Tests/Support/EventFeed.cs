using System.Globalization;
using System.Net;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>One event of the log: its id, PUT or DEL, and its <c>pubky://</c> URI.</summary>
public sealed record FeedEvent(long Id, string Kind, string Uri);

/// <summary>Reads the global event log: <c>GET /events/?cursor=&amp;limit=</c> (public paths) and the admin stream (every path).</summary>
public static class EventFeed
{
    /// <summary>
    /// Every event after <paramref name="cursor"/>, one per page (limit=1) so that each event's own id is known: the
    /// cursor line of a one-event page is that event's id.
    /// </summary>
    public static async Task<List<FeedEvent>> ReadEachAsync(HttpClient http, GatewayEndpoints gateway, long cursor = 0, int maxEvents = 20_000)
    {
        var events = new List<FeedEvent>();
        for (var i = 0; i < maxEvents; i++)
        {
            var page = await ReadPageAsync(http, gateway, cursor, 1);
            if (page.Count == 0)
            {
                return events;
            }
            events.Add(page[0]);
            cursor = page[0].Id;
        }
        throw new InvalidOperationException($"the feed did not end within {maxEvents} events");
    }

    /// <summary>
    /// Every event after <paramref name="cursor"/>, public and private, with its own id: the admin <c>/events-stream</c>
    /// over all users in batch pages of 1,000 (each message carries its cursor). <c>/events/</c> shows only <c>/pub/</c>
    /// events (spec B6), so the private writes of other tests on this shared cluster would read as gaps there.
    /// </summary>
    public static async Task<List<FeedEvent>> ReadWholeLogAsync(HttpClient http, GatewayEndpoints gateway, long cursor = 0, int maxEvents = 20_000)
    {
        var events = new List<FeedEvent>();
        for (var page = 0; page <= maxEvents / 1000; page++)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var request = new HttpRequestMessage(HttpMethod.Get, gateway.AdminUrl($"/events-stream?cursor={cursor}&limit=1000"));
            request.Headers.Add("X-Admin-Password", LocalCluster.AdminPassword);
            await using var stream = await SseStream.OpenAsync(http, request, deadline.Token);
            Assert.True(stream.Response.StatusCode == HttpStatusCode.OK, $"admin /events-stream?cursor={cursor} on {gateway}: {(int)stream.Response.StatusCode}");
            var before = events.Count;
            while (await stream.NextAsync(deadline.Token) is { } message)
            {
                var cursorLine = message.Data.Single(d => d.StartsWith("cursor: ", StringComparison.Ordinal));
                var id = long.Parse(cursorLine["cursor: ".Length..], CultureInfo.InvariantCulture);
                events.Add(new FeedEvent(id, message.Event, message.Data[0]));
                cursor = id;
            }
            if (events.Count == before)
            {
                return events;
            }
        }
        throw new InvalidOperationException($"the log did not end within {maxEvents} events");
    }

    /// <summary>
    /// One page. Only the last event's id is on the wire; the others get -1 unless the page has a single event.
    /// </summary>
    public static async Task<List<FeedEvent>> ReadPageAsync(HttpClient http, GatewayEndpoints gateway, long cursor, int limit)
    {
        using var response = await http.GetAsync(gateway.ClientUrl($"/events/?cursor={cursor}&limit={limit}"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /events/?cursor={cursor} on {gateway}: {(int)response.StatusCode} {text}");
        if (text.Length == 0)
        {
            return [];
        }
        var lines = text.Split('\n');
        var last = lines[^1];
        Assert.True(last.StartsWith("cursor: ", StringComparison.Ordinal), $"feed page without a cursor line: {text}");
        var lastId = long.Parse(last["cursor: ".Length..], CultureInfo.InvariantCulture);
        var events = new List<FeedEvent>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var parts = lines[i].Split(' ', 2);
            Assert.True(parts.Length == 2 && parts[0] is "PUT" or "DEL", $"bad feed line: {lines[i]}");
            events.Add(new FeedEvent(i == lines.Length - 2 ? lastId : -1, parts[0], parts[1]));
        }
        return events;
    }

    /// <summary>Every event after <paramref name="cursor"/>, in order, read in pages of 1000 (so only each page's last event has its id).</summary>
    public static async Task<List<FeedEvent>> ReadAfterAsync(HttpClient http, GatewayEndpoints gateway, long cursor)
    {
        var events = new List<FeedEvent>();
        for (var i = 0; i < 10_000; i++)
        {
            var page = await ReadPageAsync(http, gateway, cursor, 1000);
            if (page.Count == 0)
            {
                return events;
            }
            events.AddRange(page);
            cursor = page[^1].Id;
        }
        throw new InvalidOperationException("the feed did not end");
    }

    /// <summary>The id of the newest event (0 when there is none), by paging to the end with large pages.</summary>
    public static async Task<long> LastIdAsync(HttpClient http, GatewayEndpoints gateway)
    {
        long cursor = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var page = await ReadPageAsync(http, gateway, cursor, 1000);
            if (page.Count == 0)
            {
                return cursor;
            }
            cursor = page[^1].Id;
        }
        throw new InvalidOperationException("the feed did not end");
    }
}
