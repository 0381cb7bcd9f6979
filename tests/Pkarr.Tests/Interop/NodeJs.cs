using System.Reflection;

namespace Pubky.Pkarr.Tests.Interop;

/// <summary>Where Node.js and the interop scripts are; interop tests skip when <c>node</c> is not on PATH.</summary>
internal static class NodeJs
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
