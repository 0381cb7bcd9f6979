using Microsoft.Extensions.Diagnostics.HealthChecks;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Hosting.Health;

namespace PubkyCluster.Gateway.Tests.Health;

public sealed class ShutdownHealthCheckTests
{
    [Fact]
    public async Task Readiness_fails_once_the_application_is_stopping()
    {
        using var lifetime = new ControlledLifetime();
        var check = new ShutdownHealthCheck(lifetime);
        var before = await check.CheckHealthAsync(new HealthCheckContext());

        lifetime.StopApplication();

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
