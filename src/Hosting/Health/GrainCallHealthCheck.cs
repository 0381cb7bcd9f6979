using Microsoft.Extensions.Diagnostics.HealthChecks;
using PubkyCluster.Grains.Users;
using PubkyCluster.Hosting.Homeserver;

namespace PubkyCluster.Hosting.Health;

/// <summary>
/// A read-only call to the user grain of the homeserver's own key: it proves a silo answers (through the cluster
/// client of a stateless gateway) and that the silo reads its store. A failure is reported by the health check service.
/// </summary>
public sealed class GrainCallHealthCheck(IGrainFactory grains, HomeserverIdentity identity) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await grains.GetGrain<IUserGrain>(identity.PublicKey.Z32).Exists().WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
