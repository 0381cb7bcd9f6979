using System.Text.RegularExpressions;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(MetricsCollection.Name)]
public partial class EventStreamMetricsTests(SharedHomeserver shared)
{
    [GeneratedRegex(@"^event_stream_active_connections\{[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex ActiveConnections();

    private static async Task<int?> ScrapeActiveConnections(TestHomeserver server, HttpClient http)
    {
        var text = await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"));
        var match = ActiveConnections().Match(text);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    /// <summary>Polls the metric until it has the expected value (bounded), as a scraper would see it.</summary>
    private static async Task AssertActiveConnections(TestHomeserver server, HttpClient http, int expected)
    {
        int? seen = null;
        for (var attempt = 0; attempt < 100 && seen != expected; attempt++)
        {
            seen = await ScrapeActiveConnections(server, http);
            if (seen != expected)
            {
                await Task.Delay(200);
            }
        }
        Assert.True(seen == expected, $"expected {expected}, saw {seen?.ToString() ?? "no series"}:\n" +
            string.Join('\n', (await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"))).Split('\n').Where(l => l.Contains("event_stream"))));
    }

    [Fact]
    public async Task Active_stream_connections_follow_the_open_streams()
    {
        var server = shared.Server;
        using var user = await TestUser.Create(server).SignedUpAsync();
        using var http = server.CreateClient();
        var first = await SseReader.OpenAsync(server.CreateClient(), server.ClientUrl($"/events-stream?user={user.Z32}&live=true"));
        var second = await SseReader.OpenAsync(server.CreateClient(), server.ClientUrl($"/events-stream?user={user.Z32}&live=true"));
        await AssertActiveConnections(server, http, 2);
        first.Dispose();
        await AssertActiveConnections(server, http, 1);
        second.Dispose();
        await AssertActiveConnections(server, http, 0);
        var text = await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"));
        Assert.Contains("event_stream_connection_duration_ms_count", text);
        Assert.Contains("event_stream_db_query_duration_ms_count", text);
        Assert.Contains("signup_count", text);
    }
}
