using System.Net;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Hosting.Health;

namespace PubkyCluster.Gateway.Tests.Health;

/// <summary>The probes on the metrics listener of the single process (a co-hosted silo: membership, grain and blob checks all run).</summary>
[Collection(HomeserverCollection.Name)]
public sealed class HealthProbeTests(SharedHomeserver shared) : IDisposable
{
    private readonly HttpClient _http = shared.Server.CreateClient();

    [Theory]
    [InlineData(HealthEndpoints.LivePath)]
    [InlineData(HealthEndpoints.ReadyPath)]
    [InlineData(HealthEndpoints.StartupPath)]
    public async Task A_started_homeserver_answers_the_probe_healthy(string path)
    {
        var response = await _http.GetAsync(shared.Server.Url(shared.Server.MetricsPort, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Probes_are_not_served_on_the_client_port()
    {
        var response = await _http.GetAsync(shared.Server.ClientUrl(HealthEndpoints.ReadyPath));

        Assert.NotEqual("Healthy", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
