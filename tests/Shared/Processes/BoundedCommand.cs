using System.Diagnostics;

namespace PubkyCluster.Tests.Processes;

/// <summary>A command run to its end within a bound, killed (with its children) when the bound passes.</summary>
public static class BoundedCommand
{
    /// <exception cref="System.ComponentModel.Win32Exception">The command is not on PATH.</exception>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan bound)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {bound.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
