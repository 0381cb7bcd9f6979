using System.Net;
using System.Text.Json;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Tests.Dht;
using Pubky.Protocol.Keys;
using PubkyCluster.Tests.Node;

namespace Pubky.Pkarr.Tests.Interop;

/// <summary>
/// Our node against independent implementations on loopback: bittorrent-dht@11.0.12 (with Ed25519 verify) and
/// pkarr@1.3.0's DHT client. Each test is capped at a minute and kills every node process it started.
/// </summary>
[Collection(NodeInteropCollection.Name)]
public sealed class BittorrentDhtInteropTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(40);

    private static CancellationToken HardLimit() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static string[] Loopback(IEnumerable<int> ports) => ports.Select(p => $"127.0.0.1:{p}").ToArray();

    private static string[] Loopback(IEnumerable<IPEndPoint> endPoints) => Loopback(endPoints.Select(e => e.Port));

    private static int[] Ports(JsonElement answer) => answer.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()).ToArray();

    private static void AssertReadBack(JsonElement answer, Pkarr.Packets.SignedPacket packet)
    {
        Assert.True(answer.GetProperty("found").GetBoolean(), "the JavaScript client found nothing");
        Assert.Equal(packet.Timestamp, answer.GetProperty("seq").GetUInt64());
        Assert.Equal(Convert.ToHexStringLower(packet.Dns), answer.GetProperty("v").GetString());
        Assert.Equal(Convert.ToHexStringLower(packet.PublicKey.Bytes), answer.GetProperty("k").GetString());
    }

    [NodeFact]
    public async Task Packet_put_by_our_client_into_bittorrent_dht_nodes_is_read_by_bittorrent_dht_and_pkarr()
    {
        var limit = HardLimit();
        using var peers = NodeProcess.Start("peers", new { count = 4, bootstrap = Array.Empty<string>(), lifetimeMs = 58_000 });
        var ports = Ports(await peers.ReadJsonLineAsync(StepTimeout));
        await using var client = await DhtNode.StartAsync(
            new DhtNodeOptions
            {
                BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                Bootstrap = ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToList(),
                TransactionIdLength = 2,
            },
            limit);
        using var keypair = Keypair.Random();
        var packet = DhtFixtures.Packet(keypair, "written by C#");

        var put = await client.PutMutableAsync(packet, null, limit);
        var key = Convert.ToHexStringLower(keypair.PublicKey.Bytes);
        var byBittorrentDht = await NodeProcess.RunAsync("get", new { bootstrap = Loopback(ports), key }, StepTimeout);
        var byPkarr = await NodeProcess.RunAsync("resolve", new { bootstrap = Loopback(ports), key }, StepTimeout);

        Assert.Equal(4, put.StoredNodes);
        AssertReadBack(byBittorrentDht, packet);
        AssertReadBack(byPkarr, packet);
    }

    [NodeFact]
    public async Task Packet_put_by_pkarr_into_a_mixed_network_is_read_by_our_dht_client()
    {
        var limit = HardLimit();
        await using var testnet = await DhtFixtures.Testnet(3);
        using var peers = NodeProcess.Start("peers", new { count = 3, bootstrap = Loopback(testnet.Bootstrap.Take(1)), lifetimeMs = 58_000 });
        var ports = Ports(await peers.ReadJsonLineAsync(StepTimeout));
        var seed = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var put = await NodeProcess.RunAsync("put", new { bootstrap = Loopback(ports), seed }, StepTimeout);
        await using var reader = await DhtFixtures.Client(testnet.Bootstrap);
        var key = PublicKey.FromBytes(Convert.FromHexString(put.GetProperty("key").GetString()!));
        SignedPacket? resolved = null;
        await foreach (var packet in reader.GetMutableStreamAsync(key, limit))
        {
            resolved = resolved is null || packet.Timestamp > resolved.Timestamp ? packet : resolved;
        }

        Assert.True(put.GetProperty("acknowledged").GetInt32() > 0);
        Assert.NotNull(resolved);
        Assert.Equal(put.GetProperty("seq").GetUInt64(), resolved.Timestamp);
        Assert.Equal(put.GetProperty("v").GetString(), Convert.ToHexStringLower(resolved.Dns));
        Assert.Contains(resolved.Answers, a => a.Name.StartsWith("_interop.", StringComparison.Ordinal));
    }

    [NodeFact]
    public async Task Bittorrent_dht_and_pkarr_clients_read_a_packet_from_our_server_nodes()
    {
        var limit = HardLimit();
        await using var testnet = await DhtFixtures.Testnet(4);
        await using var writer = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        var packet = DhtFixtures.Packet(keypair, "served by C#");
        await writer.PutMutableAsync(packet, null, limit);
        var key = Convert.ToHexStringLower(keypair.PublicKey.Bytes);

        var byBittorrentDht = await NodeProcess.RunAsync("get", new { bootstrap = Loopback(testnet.Bootstrap), key }, StepTimeout);
        var byPkarr = await NodeProcess.RunAsync("resolve", new { bootstrap = Loopback(testnet.Bootstrap), key }, StepTimeout);

        AssertReadBack(byBittorrentDht, packet);
        AssertReadBack(byPkarr, packet);
    }
}
