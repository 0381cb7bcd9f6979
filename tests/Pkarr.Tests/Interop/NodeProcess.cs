using System.Diagnostics;
using System.Text.Json;
using PubkyCluster.Tests.Node;

namespace Pubky.Pkarr.Tests.Interop;

/// <summary>
/// One <c>node interop.mjs</c> process: reads its JSON lines and kills it (and its children) by its PID on dispose, so
/// no peer outlives its test even when the test fails.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private NodeProcess(Process process) => _process = process;

    public static NodeProcess Start(string mode, object options)
    {
        var start = new ProcessStartInfo(NodeJs.Executable!)
        {
            WorkingDirectory = NodeJs.ScriptsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("interop.mjs");
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(JsonSerializer.Serialize(options));
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var running = new NodeProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (running._stderr)
            {
                running._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs a mode to completion and returns its JSON answer.</summary>
    public static async Task<JsonElement> RunAsync(string mode, object options, TimeSpan timeout)
    {
        using var process = Start(mode, options);
        return await process.ReadJsonLineAsync(timeout);
    }

    public async Task<JsonElement> ReadJsonLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node gave no answer within {timeout}. stderr: {Stderr()}");
        }
        if (line is null)
        {
            throw new InvalidOperationException($"node exited without an answer. stderr: {Stderr()}");
        }
        var answer = JsonDocument.Parse(line).RootElement.Clone();
        if (answer.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"node reported: {error.GetString()}");
        }
        return answer;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
