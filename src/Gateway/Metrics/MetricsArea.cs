using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace PubkyCluster.Gateway.Metrics;

/// <summary>
/// The metrics listener (the reference's is pubky-core v0.6.0: pubky-homeserver/src/metrics_server/routes/metrics.rs):
/// Prometheus text over OpenTelemetry, for the homeserver's, Orleans' and Kestrel's meters.
/// </summary>
public static class MetricsArea
{
    /// <summary>Orleans publishes its own instruments (grains, messaging, membership) under this meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    public static IServiceCollection AddHomeserverMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<HomeserverMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HomeserverMetrics.MeterName, OrleansMeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>GET /metrics; mapped on the metrics port only, so the scrape is never reachable from the public APIs.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPrometheusScrapingEndpoint();
}
