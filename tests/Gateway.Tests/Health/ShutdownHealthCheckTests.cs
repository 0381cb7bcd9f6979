using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PubkyCluster.Hosting.Health;

namespace PubkyCluster.Gateway.Tests.Health;

public sealed class ShutdownHealthCheckTests
{
    [Fact]
    public async Task Readiness_fails_once_the_application_is_stopping()
    {
        var lifetime = new ControlledLifetime();
        var check = new ShutdownHealthCheck(lifetime);
        var before = await check.CheckHealthAsync(new HealthCheckContext());

        lifetime.StopApplication();

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private sealed class ControlledLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();
    }
}
