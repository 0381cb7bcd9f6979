using k8s.Models;
using PubkyCluster.Deploy.Tests.Support;
using PubkyCluster.Gateway;
using PubkyCluster.Hosting.Web;

namespace PubkyCluster.Deploy.Tests;

/// <summary>
/// The manifests and the application agree: each container is composed as its image runs it (which also runs the
/// application's validation of every setting), and what the manifests set, expose and probe is checked against it.
/// </summary>
public sealed class AgreementTests
{
    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_environment_variable_is_a_setting_the_process_binds(string rendering)
    {
        await WithProcessesAsync(rendering, process =>
        {
            var unbound = process.Environment.Keys
                .Where(name => !BoundKeys.IsBound(process.BoundSections, name.Replace("__", ":", StringComparison.Ordinal)));
            Assert.Empty(unbound);
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_container_port_is_one_the_process_listens_on(string rendering)
    {
        await WithProcessesAsync(rendering, process =>
        {
            var listen = process.Listen;
            var listening = process.Kind == ProcessKind.Gateway
                ? HomeserverWebHosting.ListenerPorts(GatewayHttp.Surface, listen).ToHashSet()
                : [listen.SiloPort, listen.SiloGatewayPort, listen.MetricsPort];
            Assert.All(process.Container.Ports, port => Assert.Contains(port.ContainerPort, listening));
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_probe_is_a_route_the_process_serves_on_its_metrics_port(string rendering)
    {
        await WithProcessesAsync(rendering, process =>
        {
            var probes = new[] { process.Container.StartupProbe, process.Container.LivenessProbe, process.Container.ReadinessProbe };
            Assert.All(probes, probe =>
            {
                Assert.NotNull(probe?.HttpGet);
                var port = process.Container.Ports.Single(p => p.Name == probe.HttpGet.Port.Value || p.ContainerPort.ToString() == probe.HttpGet.Port.Value);
                Assert.Equal(process.Listen.MetricsPort, port.ContainerPort);
                Assert.Contains(probe.HttpGet.Path, process.Routes);
            });
        });
    }

    private static async Task WithProcessesAsync(string rendering, Action<ContainerProcess> check)
    {
        var processes = ContainerProcess.ComposeAll(await Manifests.RenderAsync(rendering));
        try
        {
            Assert.Equal([ProcessKind.Silo, ProcessKind.Gateway], processes.Select(p => p.Kind).Order());
            Assert.All(processes, check);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }
}
