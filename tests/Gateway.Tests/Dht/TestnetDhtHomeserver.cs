using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Pkarr.Packets;
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
    public Task<SignedPacket> OwnRecordAsync() => OwnRecord.FetchAsync(Server);
}
