using System.Diagnostics;

namespace PubkyCluster.Tests.Node;

/// <summary>
/// Installs the pinned npm peers once per test run (<c>npm ci</c> from the committed lockfile) when node_modules is
/// missing; bounded to a few minutes. Does nothing when Node.js is absent (the tests skip then).
/// </summary>
public sealed class NpmPackagesFixture
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);

    public NpmPackagesFixture()
    {
        if (NodeJs.Executable is null || Directory.Exists(Path.Combine(NodeJs.ScriptsDirectory, "node_modules")))
        {
            return;
        }
        var start = new ProcessStartInfo(NodeJs.Npm ?? throw new InvalidOperationException("node is on PATH but npm is not."))
        {
            WorkingDirectory = NodeJs.ScriptsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }
        using var npm = Process.Start(start)!;
        var output = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEndAsync();
        if (!npm.WaitForExit(InstallTimeout))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci did not finish within {InstallTimeout}.");
        }
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}): {output.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NodeInteropCollection : ICollectionFixture<NpmPackagesFixture>
{
    public const string Name = "Node.js interop";
}
