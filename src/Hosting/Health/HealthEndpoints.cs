using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace PubkyCluster.Hosting.Health;

/// <summary>
/// The probes every process answers on its metrics listener (Listen:MetricsPort), beside /metrics. Liveness runs no
/// check at all (an answer means the process is up); readiness and startup run the checks tagged for them.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz/live";

    public const string ReadyPath = "/healthz/ready";

    public const string StartupPath = "/healthz/startup";

    internal const string ReadyTag = "ready";

    internal const string StartupTag = "startup";

    public static void MapHealth(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        endpoints.MapHealthChecks(StartupPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(StartupTag) });
    }
}
