using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>The testnet DHT the homeserver runs, seen from outside: by a separate C# node and by the relay API.</summary>
public sealed class TestnetDhtTests(TestnetDhtHomeserver homeserver) : IClassFixture<TestnetDhtHomeserver>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_testnet_bootstrap_node_listens_on_the_configured_udp_port_on_loopback()
    {
        var configured = homeserver.Server.Services.GetRequiredService<PkarrNetworkSettings>().TestnetBootstrapPort;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, configured), homeserver.Bootstrap);
    }

    [Fact]
    public async Task The_homeserver_record_is_on_the_dht_with_the_bytes_the_relay_serves()
    {
        var served = await homeserver.OwnRecordAsync();
        await using var outsider = await JoinAsync();

        var found = await outsider.GetMutableAsync(served.PublicKey).WaitAsync(Patience);

        Assert.NotNull(found);
        Assert.Equal(served.Bytes.ToArray(), found.Bytes.ToArray());
    }

    [Fact]
    public async Task A_relay_put_lands_on_the_dht()
    {
        using var user = Keypair.Random();
        var packet = PubkyRecords.UserPacket(user, PublicKey.ParseZ32(TestHomeserver.HomeserverZ32));
        using var http = homeserver.Server.CreateClient();

        var put = await http.PutAsync(RelayUrl(user.PublicKey), new ByteArrayContent(packet.ToRelayPayload()));
        await using var outsider = await JoinAsync();
        var found = await outsider.GetMutableAsync(user.PublicKey).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(packet.Bytes.ToArray(), found?.Bytes.ToArray());
    }

    [Fact]
    public async Task A_record_only_the_dht_has_is_served_by_the_relay()
    {
        using var user = Keypair.Random();
        var packet = SignedPacket.Create(user, [new DnsRecord("_test", 300, new TxtRecordData("put by another node"))]);
        await using var outsider = await JoinAsync();
        var put = await outsider.PutMutableAsync(packet, cas: null).WaitAsync(Patience);
        using var http = homeserver.Server.CreateClient();

        var response = await http.GetAsync(RelayUrl(user.PublicKey));

        Assert.True(put.Stored > 0);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(packet.ToRelayPayload(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_key_found_nowhere_is_404()
    {
        using var user = Keypair.Random();
        using var http = homeserver.Server.CreateClient();

        var response = await http.GetAsync(RelayUrl(user.PublicKey));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Uri RelayUrl(PublicKey key) => homeserver.Server.Url(homeserver.Server.PkarrRelayPort, "/" + key.Z32);

    /// <summary>A node of our own that knows the testnet only through its bootstrap port.</summary>
    private Task<DhtNode> JoinAsync() => DhtNode.StartAsync(new DhtNodeOptions
    {
        BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        Bootstrap = [homeserver.Bootstrap],
        RequestTimeout = TimeSpan.FromMilliseconds(500),
    });
}
