namespace PubkyCluster.Storage.Tests.Support;

/// <summary>Where node, npm and the repository are, for <see cref="AzuriteFixture"/>.</summary>
internal static class AzuriteNodeTools
{
    public static string? Node { get; } = FindOnPath("node");

    public static string? Npm { get; } = FindOnPath("npm");

    /// <summary>
    /// The directory holding PubkyCluster.sln, found upwards from this source file (the binaries may be built outside
    /// the repository with --artifacts-path).
    /// </summary>
    public static string RepositoryRoot => FindRepositoryRoot();

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string FindRepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var directory = new FileInfo(sourceFile).Directory; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PubkyCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PubkyCluster.sln above {sourceFile}.");
    }
}
