using PubkyCluster.Tests.Processes;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary>
/// <c>dotnet publish</c> of the gateway and the silo, once per test run, into a temporary directory: the files an image
/// holds in /app (src/Containers.props). Removed when the tests are done.
/// </summary>
public sealed class PublishedApps : IAsyncLifetime
{
    public const string Collection = "published apps";

    private static readonly TimeSpan PublishBound = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pubky-published-");

    public string DirectoryOf(ProcessKind kind) => Path.Combine(_root.FullName, kind.ToString());

    public async Task InitializeAsync()
    {
        foreach (var kind in Enum.GetValues<ProcessKind>())
        {
            var project = Path.Combine(Repository.Root, "src", kind.ToString());
            var (exitCode, output, errors) = await BoundedCommand.RunAsync(
                "dotnet", ["publish", project, "-c", "Release", "-o", DirectoryOf(kind), "--nologo", "-v", "q"], PublishBound);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {project} failed ({exitCode}):\n{output}{errors}");
            }
        }
    }

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(PublishedApps.Collection)]
public sealed class PublishedAppsCollection : ICollectionFixture<PublishedApps>;
