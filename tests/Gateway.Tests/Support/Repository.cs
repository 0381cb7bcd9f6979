namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Where this test assembly was built from: tests/Gateway.Tests/bin/{configuration}/{tfm}/ is five levels below the repository.</summary>
public static class Repository
{
    private static readonly DirectoryInfo Output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Root { get; } = Output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    public static string Configuration { get; } = Output.Parent!.Name;

    public static string Framework { get; } = Output.Name;
}
