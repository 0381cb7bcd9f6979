using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Metrics;

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(SharedHomeserver shared) : IDisposable
{
    private readonly HttpClient _http = shared.Server.CreateClient();

    [Fact]
    public async Task Metrics_answers_200_with_Prometheus_text()
    {
        var response = await _http.GetAsync(shared.Server.Url(shared.Server.MetricsPort, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("# TYPE events_db_query_duration_ms histogram", "events_db_query_duration_ms_count")]
    [InlineData("# TYPE event_stream_db_query_duration_ms histogram", "event_stream_db_query_duration_ms_count")]
    [InlineData("# TYPE event_stream_active_connections gauge", "event_stream_active_connections")]
    [InlineData("# TYPE event_stream_connection_duration_ms histogram", "event_stream_connection_duration_ms_bucket{otel_scope_name=\"pubky_homeserver\",le=\"100000\"}")]
    [InlineData("# TYPE event_stream_broadcast_lagged_count_total counter", "event_stream_broadcast_lagged_count_total")]
    [InlineData("# TYPE signup_count_total counter", "signup_count_total")]
    [InlineData("# TYPE bandwidth_throttled_requests_total counter", "direction=\"read\"")]
    [InlineData("# TYPE resource_bound_refusals_total counter", "resource_bound_refusals_total{otel_scope_name=\"pubky_homeserver\",resource=\"event_streams\"}")]
    public async Task Homeserver_series_are_exported_once_touched(string type, string sample)
    {
        TouchEveryInstrument(shared.Server.Services.GetRequiredService<HomeserverMetrics>());

        var text = await ScrapeUntilAsync(type);

        Assert.Contains(type, text);
        Assert.Contains(sample, text);
        Assert.Contains("# HELP " + type.Split(' ')[2], text);
    }

    [Fact]
    public async Task Orleans_series_are_exported()
    {
        var text = await ScrapeUntilAsync("otel_scope_name=\"Microsoft.Orleans\"");

        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", text);
    }

    [Fact]
    public async Task Dotnet_runtime_series_are_exported()
    {
        var text = await ScrapeUntilAsync("otel_scope_name=\"System.Runtime\"");

        Assert.Contains("otel_scope_name=\"System.Runtime\"", text);
    }

    [Fact]
    public async Task Metrics_is_not_served_on_the_client_port()
    {
        var response = await _http.GetAsync(shared.Server.ClientUrl("/metrics"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_is_not_served_on_the_admin_port()
    {
        var response = await _http.GetAsync(shared.Server.AdminUrl("/metrics"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static void TouchEveryInstrument(HomeserverMetrics metrics)
    {
        metrics.RecordEventsQuery(TimeSpan.FromMilliseconds(3));
        metrics.RecordEventStreamQuery(TimeSpan.FromMilliseconds(4));
        metrics.StreamOpened();
        metrics.StreamClosed(TimeSpan.FromMilliseconds(150));
        metrics.StreamLagged();
        metrics.SignedUp();
        metrics.BoundRefused("event_streams");
        metrics.Throttled("read");
    }

    private Task<string> ScrapeUntilAsync(string expected) => MetricsScrape.UntilAsync(shared.Server, expected);

    public void Dispose() => _http.Dispose();
}
