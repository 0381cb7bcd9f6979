using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>Refused requests are counted on /metrics by rule; admitted ones are not.</summary>
[Collection(MetricsCollection.Name)]
public sealed class RateLimitMetricsTests
{
    [Fact]
    public async Task Each_refused_request_is_counted_under_its_rule()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestHomeserver.StartAsync(
            RateLimitRules.Settings(("GET", "/counted", "1r/s", "Ip", null, [])), services: services => TestHomeserver.UseClock(services, clock));
        using var http = server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await http.GetAsync(server.ClientUrl("/counted"));
        }

        var text = await http.GetStringAsync(server.Url(server.MetricsPort, "/metrics"));

        Assert.Contains("rate_limited_requests_total{otel_scope_name=\"pubky_homeserver\",rule=\"GET /counted 1r/s burst 1 by Ip\"} 2", text);
    }
}
