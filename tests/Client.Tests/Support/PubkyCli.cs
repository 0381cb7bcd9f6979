using System.Diagnostics;
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

    /// <summary>Starts a long-running command (<c>pubky mirror</c>); dispose stops it by its PID, with its children.</summary>
    public static Running Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Binary());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Running(process);
    }

    public sealed class Running(Process process) : IAsyncDisposable
    {
        public bool HasExited => process.HasExited;

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(bound.Token);
            process.Dispose();
        }
    }
}
