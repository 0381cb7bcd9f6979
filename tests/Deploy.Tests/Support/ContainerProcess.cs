using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway;
using PubkyCluster.Hosting.Cluster;
using PubkyCluster.Hosting.Settings;
using PubkyCluster.Hosting.Web;

namespace PubkyCluster.Deploy.Tests.Support;

public enum ProcessKind
{
    Silo,
    Gateway,
}

/// <summary>
/// One container of a rendered Deployment, composed as its image would run it: the process's appsettings.json, then the
/// container's environment (the ConfigMaps it imports, its own values, the downward API and the secrets filled in with
/// stand-ins, mounted secret files written to a temporary directory). Composing runs the application's own validation.
/// </summary>
public sealed class ContainerProcess : IAsyncDisposable
{
    /// <summary>A stand-in for every secret value: a well-formed connection string (Azurite's public one), not a known password.</summary>
    private const string SecretStandIn =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://10.0.0.2:10000/devstoreaccount1;TableEndpoint=http://10.0.0.2:10002/devstoreaccount1;";

    private readonly DirectoryInfo _mounts;

    private ContainerProcess(ProcessKind kind, V1Container container, IReadOnlyDictionary<string, string> environment, DirectoryInfo mounts, WebApplication app, IReadOnlyList<BoundSection> sections)
    {
        (Kind, Container, Environment, _mounts, App, BoundSections) = (kind, container, environment, mounts, app, sections);
    }

    public ProcessKind Kind { get; }

    public V1Container Container { get; }

    /// <summary>Every environment variable the container gets, by name, as the kubelet would resolve it here.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public WebApplication App { get; }

    public IReadOnlyList<BoundSection> BoundSections { get; }

    public ListenOptions Listen => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ListenOptions>>().Value;

    /// <summary>The route patterns the process maps (its endpoint data source, every listener's branch included).</summary>
    public IEnumerable<string> Routes => App.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Select(endpoint => endpoint.RoutePattern.RawText ?? "");

    /// <summary>Every pubky container of the rendering, composed; the caller disposes them.</summary>
    public static List<ContainerProcess> ComposeAll(Manifests manifests) =>
        manifests.OfType<V1Deployment>()
            .SelectMany(deployment => deployment.Spec.Template.Spec.Containers.Select(container => (deployment, container)))
            .Where(pair => KindOf(pair.container) is not null)
            .Select(pair => Compose(manifests, pair.deployment.Spec.Template.Spec, pair.container))
            .ToList();

    private static ProcessKind? KindOf(V1Container container) =>
        container.Image.Split(':')[0] switch
        {
            var image when image.EndsWith("pubky-cluster/silo", StringComparison.Ordinal) => ProcessKind.Silo,
            var image when image.EndsWith("pubky-cluster/gateway", StringComparison.Ordinal) => ProcessKind.Gateway,
            _ => null,
        };

    private static ContainerProcess Compose(Manifests manifests, V1PodSpec pod, V1Container container)
    {
        var kind = KindOf(container)!.Value;
        var mounts = Directory.CreateTempSubdirectory("pubky-mounts-");
        var environment = ResolveEnvironment(manifests, pod, container, mounts.FullName);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(Repository.Root, "src", kind.ToString(), "appsettings.json"))
            .AddInMemoryCollection(environment.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        if (kind == ProcessKind.Gateway)
        {
            builder.AddPubkyHomeserver(GatewayHttp.Surface);
        }
        else
        {
            builder.AddPubkySiloProcess();
        }
        var sections = builder.Services.Where(d => d.ServiceType == typeof(BoundSection)).Select(d => (BoundSection)d.ImplementationInstance!).ToList();
        var app = builder.Build();
        if (kind == ProcessKind.Gateway)
        {
            app.MapPubkyHomeserver();
        }
        else
        {
            app.MapPubkySiloProcess();
        }
        return new ContainerProcess(kind, container, environment, mounts, app, sections);
    }

    private static Dictionary<string, string> ResolveEnvironment(Manifests manifests, V1PodSpec pod, V1Container container, string mountRoot)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var map = manifests.OfType<V1ConfigMap>().Single(configMap => configMap.Metadata.Name == source.ConfigMapRef.Name);
            foreach (var (key, value) in map.Data)
            {
                environment[key] = value;
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable switch
            {
                { Value: { } value } => value,
                { ValueFrom.FieldRef.FieldPath: "status.podIP" } => "10.0.0.1",
                { ValueFrom.FieldRef.FieldPath: "metadata.name" } => "pubky-pod-0",
                { ValueFrom.SecretKeyRef: not null } => SecretStandIn,
                _ => throw new InvalidOperationException($"{container.Name}: {variable.Name} comes from a source this test does not know."),
            };
        }
        // A path inside a mounted secret gets a file in a temporary directory, holding a well-formed homeserver secret.
        var secretMounts = (container.VolumeMounts ?? [])
            .Where(mount => pod.Volumes.Single(volume => volume.Name == mount.Name).Secret is not null)
            .ToList();
        foreach (var (name, value) in environment.ToList())
        {
            if (secretMounts.FirstOrDefault(mount => value.StartsWith(mount.MountPath + "/", StringComparison.Ordinal)) is { } mount)
            {
                var file = Path.Combine(mountRoot, mount.Name, value[(mount.MountPath.Length + 1)..]);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, new string('7', 64));
                environment[name] = file;
            }
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _mounts.Delete(recursive: true);
    }
}
