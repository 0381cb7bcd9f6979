using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary>
/// A published process started as its image's entrypoint starts it: <c>dotnet /app/PubkyCluster.{Kind}.dll</c> in the
/// app's directory, with only the environment given (no launch profile, so the Production environment). Stopped by its
/// PID on dispose.
/// </summary>
public sealed class EntrypointProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EntrypointProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static EntrypointProcess Start(PublishedApps apps, ProcessKind kind, IReadOnlyDictionary<string, string> environment)
    {
        var directory = apps.DirectoryOf(kind);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(directory, $"PubkyCluster.{kind}.dll"));
        // The test host's own settings (ASPNETCORE_*, DOTNET_ENVIRONMENT) must not leak in: a container has none of them.
        foreach (var name in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new EntrypointProcess(Process.Start(start) ?? throw new InvalidOperationException($"The {kind} did not start."));
    }

    /// <summary>Free loopback ports, taken by binding port 0 and released for the process to bind.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, the process exits, or the bound passes.</summary>
    public async Task<HttpStatusCode?> WaitForOkAsync(HttpClient client, string url, TimeSpan bound)
    {
        HttpStatusCode? last = null;
        using var timeout = new CancellationTokenSource(bound);
        while (!timeout.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(url, timeout.Token);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or the bound passed during the request.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        return last;
    }

    /// <summary>Waits for the process to exit on its own, within <paramref name="bound"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private static bool IsHostSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
