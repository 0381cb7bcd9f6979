namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Reads GET /events/ page by page, as a poller would (bounded in pages).</summary>
public static class EventFeedReader
{
    public static async Task<(List<string> Lines, long Cursor)> ReadFromAsync(TestHomeserver server, long cursor, int maxPages = 1000)
    {
        using var http = server.CreateClient();
        var lines = new List<string>();
        for (var page = 0; page < maxPages; page++)
        {
            var body = await http.GetStringAsync(server.ClientUrl($"/events/?cursor={cursor}&limit=1000"));
            if (body.Length == 0)
            {
                return (lines, cursor);
            }
            var parts = body.Split('\n');
            lines.AddRange(parts[..^1]);
            cursor = long.Parse(parts[^1]["cursor: ".Length..]);
        }
        throw new InvalidOperationException("The feed did not end within the page bound.");
    }
}
