using k8s.Models;
using Microsoft.Extensions.Hosting;
using PubkyCluster.Deploy.Tests.Support;

namespace PubkyCluster.Deploy.Tests;

/// <summary>What every rendering must hold for an operator: safe pods, clean rollouts, no inlined production secret.</summary>
public sealed class PolicyTests
{
    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_pubky_deployment_rolls_out_with_no_pod_unavailable(string rendering)
    {
        var deployments = PubkyDeployments(await Manifests.RenderAsync(rendering));

        Assert.All(deployments, deployment => Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_pubky_pod_gets_longer_to_stop_than_its_prestop_pause_and_the_hosts_shutdown_timeout(string rendering)
    {
        var deployments = PubkyDeployments(await Manifests.RenderAsync(rendering));

        Assert.All(deployments, deployment => Assert.True(
            deployment.Spec.Template.Spec.TerminationGracePeriodSeconds > PreStopPauseSeconds(deployment) + new HostOptions().ShutdownTimeout.TotalSeconds,
            deployment.Metadata.Name));
    }

    /// <summary>The longest <c>sleep N</c> preStop hook of the pod's containers (the grace period counts it too); 0 without one.</summary>
    private static int PreStopPauseSeconds(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers
        .Select(container => container.Lifecycle?.PreStop?.Exec?.Command)
        .Select(command => command is ["sleep", var seconds] ? int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) : 0)
        .DefaultIfEmpty(0)
        .Max();

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_pubky_container_runs_restricted(string rendering)
    {
        var deployments = PubkyDeployments(await Manifests.RenderAsync(rendering));

        Assert.All(deployments, deployment =>
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.All(pod.Containers, container =>
            {
                Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
                Assert.NotNull(container.Resources.Requests);
                var tmp = Assert.Single(container.VolumeMounts, mount => mount.MountPath == "/tmp");
                Assert.NotNull(pod.Volumes.Single(volume => volume.Name == tmp.Name).EmptyDir);
            });
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Every_pubky_deployment_has_a_disruption_budget(string rendering)
    {
        var manifests = await Manifests.RenderAsync(rendering);

        Assert.All(PubkyDeployments(manifests), deployment => Assert.Contains(manifests.OfType<V1PodDisruptionBudget>(), budget =>
            budget.Spec.Selector.MatchLabels.All(label => deployment.Spec.Template.Metadata.Labels[label.Key] == label.Value)));
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task The_gateways_are_scaled_by_an_autoscaler(string rendering)
    {
        var manifests = await Manifests.RenderAsync(rendering);

        var autoscaler = Assert.Single(manifests.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal("pubky-gateway", autoscaler.Spec.ScaleTargetRef.Name);
    }

    [Theory]
    [MemberData(nameof(Manifests.Renderings), MemberType = typeof(Manifests))]
    public async Task Admin_and_metrics_ports_are_open_only_to_sources_inside_the_cluster(string rendering)
    {
        var manifests = await Manifests.RenderAsync(rendering);

        var rules = manifests.OfType<V1NetworkPolicy>().SelectMany(policy => policy.Spec.Ingress)
            .Where(rule => rule.Ports.Any(port => port.Port.Value is "admin" or "metrics"));
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.All(rule.FromProperty, source => Assert.Null(source.IpBlock)));
        Assert.All(rules, rule => Assert.NotEmpty(rule.FromProperty ?? []));
    }

    [Fact]
    public async Task The_production_overlay_references_its_secrets_and_inlines_none()
    {
        var manifests = await Manifests.RenderAsync("overlays/production");

        Assert.Empty(manifests.OfType<V1Secret>());
        var sensitive = PubkyDeployments(manifests).SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env)
            .Where(variable => variable.Name.Contains("Password") || variable.Name.Contains("ConnectionString") || variable.Name.Contains("SecretKey"));
        Assert.All(sensitive, variable => Assert.NotNull(variable.ValueFrom?.SecretKeyRef));
    }

    private static List<V1Deployment> PubkyDeployments(Manifests manifests) =>
        manifests.OfType<V1Deployment>().Where(deployment => deployment.Metadata.Name.StartsWith("pubky-", StringComparison.Ordinal)
            && deployment.Spec.Template.Spec.Containers.All(container => container.Image.Contains("pubky-cluster/"))).ToList();
}
