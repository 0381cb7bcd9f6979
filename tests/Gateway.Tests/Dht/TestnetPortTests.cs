using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Dht;

public sealed class TestnetPortTests
{
    [Fact]
    public async Task Two_homeservers_asking_for_the_same_bootstrap_port_both_start()
    {
        var port = FreeUdpPort.Take().ToString();
        var overrides = new Dictionary<string, string?> { ["Pkarr:TestnetBootstrapPort"] = port };

        await using var first = await TestHomeserver.StartAsync(overrides);
        await using var second = await TestHomeserver.StartAsync(overrides);

        var ports = new[] { first, second }
            .Select(s => s.Services.GetRequiredService<PkarrDht>().TestnetBootstrap!.Port)
            .ToList();
        Assert.Contains(int.Parse(port), ports);
        Assert.NotEqual(ports[0], ports[1]);
    }
}
