namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>
/// A second local cluster, started with <c>cluster.sh start --netns</c>: Redis, Azurite, every silo and every gateway
/// in a network namespace of its own with its own address, as Kubernetes pods are, so the processes can only find
/// each other by the addresses they advertise. It starts only where the machine allows it (root and iproute2's ip);
/// elsewhere its tests are skipped with <see cref="Unavailable"/> as the reason.
/// </summary>
public sealed class NamespacedCluster : LocalCluster
{
    public NamespacedCluster()
        : base("-netns", ["--netns"])
    {
    }

    /// <summary>Why network namespaces cannot be made here, or null when they can.</summary>
    public static string? Unavailable { get; } = FindUnavailable();

    public override async Task InitializeAsync()
    {
        if (Unavailable is null)
        {
            await base.InitializeAsync();
        }
    }

    private static string? FindUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))?
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        if (uid != "0")
        {
            return "network namespaces need root (the effective uid is not 0)";
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "ip")))
            ? null
            : "network namespaces need ip (iproute2), which is not on PATH";
    }
}

/// <summary>A fact that runs only where <see cref="NamespacedCluster"/> can start.</summary>
public sealed class NamespacedFactAttribute : FactAttribute
{
    public NamespacedFactAttribute()
    {
        Skip = NamespacedCluster.Unavailable!;
    }
}

[CollectionDefinition(Name)]
public sealed class NamespacedClusterCollection : ICollectionFixture<NamespacedCluster>
{
    public const string Name = "namespaced cluster";
}
