using System.Globalization;
using System.Net;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>One line of <c>GET /events/</c> with the id the feed's cursor gave it.</summary>
public sealed record FeedEvent(long Id, string Kind, string Uri);

/// <summary>Reads the global event feed <c>GET /events/?cursor=&amp;limit=</c>.</summary>
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
