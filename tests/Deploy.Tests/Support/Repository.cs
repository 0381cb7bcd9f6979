using System.Reflection;

namespace PubkyCluster.Deploy.Tests.Support;

public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    public static string Kubernetes { get; } = Path.Combine(Root, "deploy", "k8s");
}
