using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Hosting.Metrics;

/// <summary>
/// The metrics listener (the reference's is pubky-core v0.6.0: pubky-homeserver/src/metrics_server/routes/metrics.rs):
/// Prometheus text over OpenTelemetry, for the homeserver's, Orleans', the .NET runtime's and Kestrel's meters, and
/// the same pushed over OTLP when Telemetry:OtlpEndpoint is set.
/// </summary>
public static class MetricsServices
{
    /// <summary>Orleans publishes its own instruments (grains, messaging, membership) under this meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The runtime's own meter since .NET 9 (GC, thread pool, JIT, exceptions), so no instrumentation package is needed.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>The homeserver's instruments and their export; calling it again adds nothing.</summary>
    public static IServiceCollection AddHomeserverMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(HomeserverMetrics)))
        {
            return services;
        }
        var telemetry = services.AddValidatedOptions(configuration, TelemetryOptions.Section, new TelemetryOptionsValidator());
        services.TryAddSingleton<HomeserverMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter(HomeserverMetrics.MeterName, OrleansMeterName, RuntimeMeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter();
            if (telemetry.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = telemetry.OtlpProtocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                });
            }
        });
        return services;
    }

    /// <summary>GET /metrics; mapped on the metrics port only, so the scrape is never reachable from the public APIs.</summary>
    public static void MapMetrics(IEndpointRouteBuilder endpoints) => endpoints.MapPrometheusScrapingEndpoint();
}
