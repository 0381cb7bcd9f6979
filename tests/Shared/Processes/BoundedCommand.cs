using System.Diagnostics;

namespace PubkyCluster.Tests.Processes;

/// <summary>A command run to its end within a bound, killed (with its children) when the bound passes.</summary>
public static class BoundedCommand
{
    /// <exception cref="System.ComponentModel.Win32Exception">The command is not on PATH.</exception>
    /// <remarks><paramref name="environment"/> is set for the command only; it runs in <paramref name="workingDirectory"/>, or this process's directory when null.</remarks>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string file, IEnumerable<string> arguments, TimeSpan bound,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // Standard input is closed at once: a command that would wait for a typed answer fails instead of hanging (CI has no stdin).
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        start.WorkingDirectory = workingDirectory ?? "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.StandardInput.Close();
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
