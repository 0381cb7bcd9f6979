using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PubkyCluster.Hosting.Health;

/// <summary>Healthy while this silo is Active in the cluster's membership view (not joining, shutting down or declared dead).</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"this silo is {status} in the membership table"));
    }
}
