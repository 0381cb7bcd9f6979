using System.Net;
using PubkyCluster.Deploy.Tests.Support;

namespace PubkyCluster.Deploy.Tests;

/// <summary>
/// The published output started exactly as the images start it (src/Containers.props), since no image can be built on
/// this machine: its probes and metrics answer, and a published binary does not fall back to the testnet's defaults.
/// </summary>
[Collection(PublishedApps.Collection)]
public sealed class EntrypointTests(PublishedApps apps) : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("pubky-entrypoint-");
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_published_gateway_on_a_testnet_answers_its_probes_and_metrics()
    {
        var ports = EntrypointProcess.FreePorts(9);
        var environment = GatewayEnvironment(ports);
        environment["Homeserver__Testnet"] = "true";
        environment["Pkarr__TestnetBootstrapPort"] = $"{ports[8]}";
        using var gateway = EntrypointProcess.Start(apps, ProcessKind.Gateway, environment);

        await AssertProbesAndMetricsAsync(gateway, ports[2]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"http://127.0.0.1:{ports[0]}/")).StatusCode);
    }

    [Fact]
    public async Task The_published_silo_alone_answers_its_probes_and_metrics()
    {
        var ports = EntrypointProcess.FreePorts(4);
        using var silo = EntrypointProcess.Start(apps, ProcessKind.Silo, new Dictionary<string, string>
        {
            ["Cluster__Membership"] = "Localhost",
            ["Storage__Profile"] = "Embedded",
            ["Homeserver__Testnet"] = "true",
            ["Homeserver__DataDirectory"] = _data.FullName,
            ["Listen__Address"] = "127.0.0.1",
            ["Listen__SiloPort"] = $"{ports[0]}",
            ["Listen__SiloGatewayPort"] = $"{ports[1]}",
            ["Listen__MetricsPort"] = $"{ports[2]}",
            ["Pkarr__TestnetBootstrapPort"] = $"{ports[3]}",
        });

        await AssertProbesAndMetricsAsync(silo, ports[2]);
    }

    [Fact]
    public async Task The_published_gateway_without_settings_refuses_to_start_and_names_the_admin_password()
    {
        using var gateway = EntrypointProcess.Start(apps, ProcessKind.Gateway, GatewayEnvironment(EntrypointProcess.FreePorts(8)));

        Assert.True(await gateway.WaitForExitAsync(StartBound), "The gateway kept running:\n" + gateway.Output);
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains("Admin:Password", gateway.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _data.Delete(recursive: true);
    }

    /// <summary>The data directory and every listener of a gateway on free loopback ports, nothing else.</summary>
    private Dictionary<string, string> GatewayEnvironment(int[] ports) => new()
    {
        ["Homeserver__DataDirectory"] = _data.FullName,
        ["Listen__Address"] = "127.0.0.1",
        ["Listen__ClientPort"] = $"{ports[0]}",
        ["Listen__AdminPort"] = $"{ports[1]}",
        ["Listen__MetricsPort"] = $"{ports[2]}",
        ["Listen__PkarrRelayPort"] = $"{ports[3]}",
        ["Listen__HttpRelayPort"] = $"{ports[4]}",
        ["Listen__SiloPort"] = $"{ports[5]}",
        ["Listen__SiloGatewayPort"] = $"{ports[6]}",
        ["Listen__PubkyTlsPort"] = $"{ports[7]}",
    };

    private async Task AssertProbesAndMetricsAsync(EntrypointProcess process, int metricsPort)
    {
        var root = $"http://127.0.0.1:{metricsPort}";
        var ready = await process.WaitForOkAsync(_client, root + "/healthz/ready", StartBound);

        Assert.True(ready == HttpStatusCode.OK, $"/healthz/ready answered {ready?.ToString() ?? "nothing"}:\n{process.Output}");
        foreach (var path in new[] { "/healthz/live", "/healthz/startup", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(root + path)).StatusCode);
        }
    }
}
