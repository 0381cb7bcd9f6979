using System.Reflection;
using k8s;
using k8s.Models;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary>The rendered objects of one kustomization, parsed strictly (an unknown field is an error).</summary>
public sealed class Manifests
{
    /// <summary>Every overlay, and the production one with the optional monitoring component.</summary>
    public static TheoryData<string> Renderings => ["overlays/local", "overlays/production", MonitoredProduction];

    /// <summary>A kustomization of this test's (deploy/k8s has no overlay with the component, as it needs the Prometheus Operator).</summary>
    public const string MonitoredProduction = "production with components/servicemonitor";

    private static readonly IDictionary<string, Type> TypeMap = typeof(V1Pod).Assembly.GetTypes()
        .Append(typeof(ServiceMonitor))
        .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(entry => entry.Entity is not null && typeof(IKubernetesObject).IsAssignableFrom(entry.Type))
        .GroupBy(entry => (entry.Entity!.Group is "" ? "" : entry.Entity.Group + "/") + entry.Entity.ApiVersion + "/" + entry.Entity.Kind)
        .ToDictionary(group => group.Key, group => group.First().Type);

    private Manifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public static Manifests Parse(string yaml) => new(KubernetesYaml.LoadAllFromString(yaml, TypeMap, strict: true));

    public static async Task<Manifests> RenderAsync(string rendering) => Parse(await RenderYamlAsync(rendering));

    public static async Task<string> RenderYamlAsync(string rendering)
    {
        if (rendering != MonitoredProduction)
        {
            return await Kustomize.RenderAsync(Path.Combine(Repository.Kubernetes, rendering));
        }
        // Kustomize takes relative paths only.
        var directory = Directory.CreateTempSubdirectory("pubky-kustomize-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - {Path.GetRelativePath(directory.FullName, Path.Combine(Repository.Kubernetes, "overlays", "production"))}
                components:
                  - {Path.GetRelativePath(directory.FullName, Path.Combine(Repository.Kubernetes, "components", "servicemonitor"))}
                """);
            return await Kustomize.RenderAsync(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
