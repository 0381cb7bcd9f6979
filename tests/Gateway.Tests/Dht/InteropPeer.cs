using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>
/// Runs one mode of the independent npm peers that tests/Pkarr.Tests/interop-js pins (bittorrent-dht@11.0.12,
/// pkarr@1.3.0; installed there by <c>npm ci</c>). Loopback only; the process is killed by its PID when done or late.
/// </summary>
internal static class InteropPeer
{
    public static string? Node { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "node"))
        .FirstOrDefault(File.Exists);

    /// <summary>The pinned peers' folder, found from this source file's checkout (binaries may be built elsewhere).</summary>
    public static string? ScriptsDirectory { get; } = FindScripts();

    /// <summary>Why interop tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Node is null ? "Node.js ('node') is not on PATH."
        : ScriptsDirectory is null ? "tests/Pkarr.Tests/interop-js with its node_modules (npm ci) was not found."
        : null;

    public static async Task<JsonElement> RunAsync(string mode, object options, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Node!)
        {
            WorkingDirectory = ScriptsDirectory!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("interop.mjs");
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(JsonSerializer.Serialize(options));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var late = new CancellationTokenSource(timeout);
            var line = await process.StandardOutput.ReadLineAsync(late.Token)
                ?? throw new InvalidOperationException($"node exited without an answer: {await stderr}");
            var answer = JsonDocument.Parse(line).RootElement.Clone();
            return answer.TryGetProperty("error", out var error)
                ? throw new InvalidOperationException($"node reported: {error}")
                : answer;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
    }

    private static string? FindScripts([CallerFilePath] string sourceFile = "")
    {
        for (var directory = new FileInfo(sourceFile).Directory; directory is not null; directory = directory.Parent)
        {
            var scripts = Path.Combine(directory.FullName, "tests", "Pkarr.Tests", "interop-js");
            if (File.Exists(Path.Combine(scripts, "interop.mjs")) && Directory.Exists(Path.Combine(scripts, "node_modules")))
            {
                return scripts;
            }
        }
        return null;
    }
}
