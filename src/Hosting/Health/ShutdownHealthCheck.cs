using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PubkyCluster.Hosting.Health;

/// <summary>Unhealthy from SIGTERM on, so that a load balancer stops sending new requests while in-flight ones finish.</summary>
public sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the process is shutting down")
            : HealthCheckResult.Healthy());
}
