using System.Reflection;

namespace PubkyCluster.Tests.Node;

/// <summary>Where Node.js and this test assembly's npm scripts are (its InteropJsDirectory metadata); Node tests skip when <c>node</c> is not on PATH.</summary>
public static class NodeJs
{
    public static string? Executable { get; } = FindOnPath("node");

    public static string? Npm { get; } = FindOnPath("npm");

    public static string ScriptsDirectory { get; } = typeof(NodeJs).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "InteropJsDirectory").Value!;

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
