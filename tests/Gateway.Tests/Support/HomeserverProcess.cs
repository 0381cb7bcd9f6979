using System.Diagnostics;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>
/// The homeserver as a separate OS process (src/Gateway's PubkyCluster.Gateway.dll, built before this project and
/// started from its own output folder), for what only a real process can show: surviving kill -9 and shutting down on
/// SIGTERM. Always stopped by its PID.
/// </summary>
public sealed class HomeserverProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HomeserverProcess(Process process, int clientPort, int adminPort)
    {
        _process = process;
        ClientPort = clientPort;
        AdminPort = adminPort;
    }

    public int ClientPort { get; }

    public int AdminPort { get; }

    public int Pid => _process.Id;

    /// <summary>The gateway executable of this build configuration: tests/Gateway.Tests/bin/{configuration}/{tfm}/ mirrors src/Gateway/bin/.</summary>
    private static string GatewayBinary() =>
        Path.Combine(Repository.Root, "src", "Gateway", "bin", Repository.Configuration, Repository.Framework, "PubkyCluster.Gateway.dll");

    public static async Task<HomeserverProcess> StartAsync(string dataDirectory)
    {
        var ports = FreePorts.Take(8);
        var start = new ProcessStartInfo("dotnet", GatewayBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        var environment = new Dictionary<string, string>
        {
            ["Homeserver__Testnet"] = "true",
            ["Homeserver__DataDirectory"] = dataDirectory,
            ["Listen__Address"] = "127.0.0.1",
            ["Listen__ClientPort"] = ports[0].ToString(),
            ["Listen__AdminPort"] = ports[1].ToString(),
            ["Listen__MetricsPort"] = ports[2].ToString(),
            ["Listen__PkarrRelayPort"] = ports[3].ToString(),
            ["Listen__HttpRelayPort"] = ports[4].ToString(),
            ["Listen__SiloPort"] = ports[5].ToString(),
            ["Listen__SiloGatewayPort"] = ports[6].ToString(),
            ["Listen__PubkyTlsPort"] = ports[7].ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment.Concat(TestSettings.Isolation))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        Directory.CreateDirectory(dataDirectory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new HomeserverProcess(process, ports[0], ports[1]);
        await server.WaitUntilReadyAsync();
        return server;
    }

    public Uri ClientUrl(string pathAndQuery = "/") => new($"http://127.0.0.1:{ClientPort}{pathAndQuery}");

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM and returns the exit code, or null when the process did not exit within <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
        {
            await kill!.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The homeserver exited with code {_process.ExitCode} while starting.");
            }
            try
            {
                if ((await http.GetStringAsync(ClientUrl())) == "Pubky Homeserver")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await KillAsync();
        throw new TimeoutException("The homeserver did not answer within 60 s.");
    }
}
