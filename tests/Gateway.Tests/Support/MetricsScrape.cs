namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Scrapes /metrics; the exporter caches a scrape briefly, so a fresh series may take a moment to show.</summary>
public static class MetricsScrape
{
    public static async Task<string> UntilAsync(TestHomeserver server, string expected)
    {
        using var http = server.CreateClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"));
            if (text.Contains(expected) || DateTimeOffset.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(200);
        }
    }
}
