using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Gateway.Tests.Dht;

public sealed class RepublishMetricsTests
{
    [Fact]
    public async Task Republish_counts_are_exported_as_pkarr_republish_counters()
    {
        await using var server = await TestHomeserver.StartAsync();
        server.Services.GetRequiredService<HomeserverMetrics>().RecordUserRepublish(new RepublishCounts(3, 2, 1, 4));
        using var http = server.CreateClient();

        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("pkarr_republish_failed_total", StringComparison.Ordinal); attempt++)
        {
            // The exporter caches a scrape briefly.
            await Task.Delay(attempt == 0 ? 0 : 200);
            text = await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"));
        }

        Assert.Contains("pkarr_republish_published_total{otel_scope_name=\"pubky_homeserver\"} 3", text);
        Assert.Contains("pkarr_republish_skipped_total{otel_scope_name=\"pubky_homeserver\"} 2", text);
        Assert.Contains("pkarr_republish_missing_total{otel_scope_name=\"pubky_homeserver\"} 1", text);
        Assert.Contains("pkarr_republish_failed_total{otel_scope_name=\"pubky_homeserver\"} 4", text);
    }
}
