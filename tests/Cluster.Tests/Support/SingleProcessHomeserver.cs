using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>
/// A single-process homeserver (embedded storage) beside the cluster, from the same gateway build the cluster runs
/// (CLUSTER_GATEWAY_DLL): its own random key, open signup, its record published through a gateway's pkarr relay. Stopped
/// by its PID on dispose.
/// </summary>
public sealed class SingleProcessHomeserver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private SingleProcessHomeserver(Process process, string data, int clientPort, string keyZ32)
    {
        (_process, _data, ClientPort, KeyZ32) = (process, data, clientPort, keyZ32);
    }

    public int ClientPort { get; }

    public string KeyZ32 { get; }

    public Uri ClientUrl => new($"http://127.0.0.1:{ClientPort}/");

    public static async Task<SingleProcessHomeserver> StartAsync(LocalCluster cluster, Uri pkarrRelay)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var data = Directory.CreateTempSubdirectory("pubky-single-").FullName;
        var ports = FreePorts.Take(8);
        var start = new ProcessStartInfo("dotnet", cluster.Env["CLUSTER_GATEWAY_DLL"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        var settings = new Dictionary<string, string>
        {
            ["Homeserver__SecretKeyHex"] = Convert.ToHexStringLower(secret),
            ["Homeserver__DataDirectory"] = data,
            ["Signup__Mode"] = "Open",
            ["Admin__Password"] = "single-process-admin",
            ["Pkarr__TestnetDht"] = "true",
            ["Pkarr__TestnetBootstrapPort"] = "0",
            ["Pkarr__Relays__0"] = pkarrRelay.ToString(),
            ["Listen__Address"] = "127.0.0.1",
            ["Listen__ClientPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__AdminPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__MetricsPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__PkarrRelayPort"] = ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__HttpRelayPort"] = ports[4].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__SiloPort"] = ports[5].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__SiloGatewayPort"] = ports[6].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Listen__PubkyTlsPort"] = ports[7].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var identity = Keypair.FromSecret(secret);
        var server = new SingleProcessHomeserver(process, data, ports[0], identity.PublicKey.Z32);
        var ready = await Eventually.TryAsync(async () =>
        {
            using var response = await cluster.Http.GetAsync(server.ClientUrl);
            return (response.StatusCode == HttpStatusCode.OK, $"GET / answered {(int)response.StatusCode}");
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        if (!ready.Ok)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"the single-process homeserver did not start: {ready.LastFailure}");
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
