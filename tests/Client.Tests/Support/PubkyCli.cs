using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Tests.Processes;

namespace Pubky.Client.Tests.Support;

/// <summary>The <c>pubky</c> tool as a user runs it: src/Cli's pubky.dll of this build configuration in its own process, bounded to a minute.</summary>
public static class PubkyCli
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static string Binary() => Path.Combine(Repository.Root, "src", "Cli", "bin", Repository.Configuration, Repository.Framework, "pubky.dll");

    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var (exitCode, output, errors) = await BoundedCommand.RunAsync("dotnet", [Binary(), .. arguments], Bound, environment, workingDirectory);
        return new Outcome(exitCode, output, errors);
    }
}
