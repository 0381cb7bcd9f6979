using System.Net;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>
/// Peers we did not write (bittorrent-dht@11.0.12, pkarr@1.3.0) join the homeserver's testnet DHT through its
/// bootstrap UDP port and exchange records with it.
/// </summary>
public sealed class IndependentPeerTests(TestnetDhtHomeserver homeserver) : IClassFixture<TestnetDhtHomeserver>
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(40);

    [InteropFact]
    public async Task A_bittorrent_dht_node_resolves_the_homeserver_record_by_bep44_get()
    {
        var record = await homeserver.OwnRecordAsync();

        var found = await InteropPeer.RunAsync("get", new { bootstrap = Bootstraps(), key = Convert.ToHexStringLower(record.PublicKey.Bytes) }, PeerTimeout);

        Assert.True(found.GetProperty("found").GetBoolean());
        Assert.Equal((long)record.Timestamp, found.GetProperty("seq").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(record.Dns), found.GetProperty("v").GetString());
    }

    [InteropFact]
    public async Task A_record_a_pkarr_client_put_on_the_dht_is_served_by_the_relay()
    {
        var seed = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

        var put = await InteropPeer.RunAsync("put", new { bootstrap = Bootstraps(), seed }, PeerTimeout);
        var key = PublicKey.FromBytes(Convert.FromHexString(put.GetProperty("key").GetString()!));
        using var http = homeserver.Server.CreateClient();
        var response = await http.GetAsync(homeserver.Server.Url(homeserver.Server.PkarrRelayPort, "/" + key.Z32));
        var payload = await response.Content.ReadAsByteArrayAsync();

        Assert.True(put.GetProperty("acknowledged").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Relay payload = signature(64) ‖ timestamp(8) ‖ DNS: the DNS bytes are exactly what the peer signed.
        Assert.Equal(put.GetProperty("v").GetString(), Convert.ToHexStringLower(payload.AsSpan(72)));
    }

    private string[] Bootstraps() => [$"127.0.0.1:{homeserver.Bootstrap.Port}"];
}
