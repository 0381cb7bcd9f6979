using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace PubkyCluster.Hosting.Metrics;

/// <summary>
/// The metrics listener (the reference's is pubky-core v0.6.0: pubky-homeserver/src/metrics_server/routes/metrics.rs):
/// Prometheus text over OpenTelemetry, for the homeserver's, Orleans' and Kestrel's meters.
/// </summary>
public static class MetricsServices
{
    /// <summary>Orleans publishes its own instruments (grains, messaging, membership) under this meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The homeserver's instruments and their export; calling it again adds nothing.</summary>
    public static IServiceCollection AddHomeserverMetrics(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(HomeserverMetrics)))
        {
            return services;
        }
        services.TryAddSingleton<HomeserverMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HomeserverMetrics.MeterName, OrleansMeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>GET /metrics; mapped on the metrics port only, so the scrape is never reachable from the public APIs.</summary>
    public static void MapMetrics(IEndpointRouteBuilder endpoints) => endpoints.MapPrometheusScrapingEndpoint();
}
