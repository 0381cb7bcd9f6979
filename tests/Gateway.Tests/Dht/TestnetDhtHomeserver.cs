using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>A test homeserver whose testnet DHT's bootstrap node listens on a UDP port of its own.</summary>
public sealed class TestnetDhtHomeserver : IAsyncLifetime
{
    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where outside peers join the testnet DHT.</summary>
    public IPEndPoint Bootstrap => Server.Services.GetRequiredService<PkarrDht>().TestnetBootstrap!;

    public async Task InitializeAsync() => _server = await TestHomeserver.StartAsync(new Dictionary<string, string?>
    {
        ["Pkarr:TestnetBootstrapPort"] = FreeUdpPort.Take().ToString(),
    });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The homeserver's own record as its relay serves it, once the publisher has run.</summary>
    public async Task<SignedPacket> OwnRecordAsync()
    {
        using var http = Server.CreateClient();
        var url = Server.Url(Server.PkarrRelayPort, "/" + TestHomeserver.HomeserverZ32);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return SignedPacket.FromRelayPayload(PublicKey.ParseZ32(TestHomeserver.HomeserverZ32), await response.Content.ReadAsByteArrayAsync());
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The homeserver record was not served: {response.StatusCode}");
            await Task.Delay(100);
        }
    }
}
