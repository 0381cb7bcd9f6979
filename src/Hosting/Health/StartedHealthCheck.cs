using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PubkyCluster.Hosting.Health;

/// <summary>Healthy once every hosted service has started (for a silo: joined the cluster; for a gateway: connected to it).</summary>
public sealed class StartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the process is still starting"));
}
