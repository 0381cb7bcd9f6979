using k8s.Models;
using PubkyCluster.Deploy.Tests.Support;

namespace PubkyCluster.Deploy.Tests;

/// <summary>Every overlay renders with kubectl kustomize and every object parses strictly against the Kubernetes schema.</summary>
public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_rendered_object_parses_strictly_as_a_Kubernetes_object(string rendering)
    {
        var manifests = await Manifests.RenderAsync(rendering);

        Assert.NotEmpty(manifests.OfType<V1Deployment>());
        Assert.All(manifests.Objects, item => Assert.IsNotType<object>(item, exactMatch: true));
    }

    [Fact]
    public void Strict_parsing_refuses_a_field_the_schema_does_not_have()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: typo
            spec:
              prots:
                - port: 80
            """;

        Assert.ThrowsAny<Exception>(() => Manifests.Parse(yaml));
    }

    [Fact]
    public async Task The_monitoring_component_adds_a_service_monitor_scraping_metrics()
    {
        var manifests = await Manifests.RenderAsync(Manifests.MonitoredProduction);

        var monitor = Assert.Single(manifests.OfType<ServiceMonitor>());
        Assert.All(monitor.Spec.Endpoints, endpoint => Assert.Equal(("metrics", "/metrics"), (endpoint.Port, endpoint.Path)));
    }
}
