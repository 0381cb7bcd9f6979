using System.Net;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Krpc;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Testnet;
using Pubky.Pkarr.Tests.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Dht;

public sealed class DhtNodeTests
{
    private static BencodeDictionary IdArguments(NodeId id) => new() { { "id", id.Bytes.ToArray() } };

    [Fact]
    public async Task Packet_put_by_one_client_is_read_by_another_on_an_eight_node_testnet()
    {
        await using var testnet = await DhtFixtures.Testnet(8);
        await using var writer = await DhtFixtures.Client(testnet.Bootstrap);
        await using var reader = await DhtFixtures.Client(testnet.Bootstrap, transactionIdLength: 4);
        using var keypair = Keypair.Random();
        var packet = DhtFixtures.Packet(keypair, "hello");

        var put = await writer.PutMutableAsync(packet, null, DhtFixtures.Timeout());
        var read = await reader.GetMutableAsync(keypair.PublicKey, DhtFixtures.Timeout());

        Assert.Equal(8, put.Stored);
        Assert.Equal(packet.Bytes.ToArray(), read!.Bytes.ToArray());
        Assert.Equal(8, testnet.Nodes.Sum(n => n.Counters.StoredItems));
    }

    [Fact]
    public async Task Newer_packet_replaces_the_older_one_and_get_returns_the_newest()
    {
        await using var testnet = await DhtFixtures.Testnet(3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        var older = PacketFixtures.Signed(keypair, 1_000, PacketFixtures.EmptyDns);
        var newer = PacketFixtures.Signed(keypair, 2_000, PacketFixtures.EmptyDns);

        await client.PutMutableAsync(older, null, DhtFixtures.Timeout());
        await client.PutMutableAsync(newer, null, DhtFixtures.Timeout());

        Assert.Equal(2_000UL, (await client.GetMutableAsync(keypair.PublicKey, DhtFixtures.Timeout()))!.Timestamp);
    }

    [Fact]
    public async Task Put_with_a_lower_seq_than_stored_is_refused_with_302()
    {
        await using var testnet = await DhtFixtures.Testnet(3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        await client.PutMutableAsync(PacketFixtures.Signed(keypair, 2_000, PacketFixtures.EmptyDns), null, DhtFixtures.Timeout());

        var result = await client.PutMutableAsync(PacketFixtures.Signed(keypair, 1_000, PacketFixtures.EmptyDns), null, DhtFixtures.Timeout());

        Assert.Equal(0, result.Stored);
        Assert.Equal(3, result.SequenceTooLow);
    }

    [Fact]
    public async Task Put_whose_cas_differs_from_the_stored_seq_is_refused_with_301()
    {
        await using var testnet = await DhtFixtures.Testnet(3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        await client.PutMutableAsync(PacketFixtures.Signed(keypair, 2_000, PacketFixtures.EmptyDns), null, DhtFixtures.Timeout());

        var result = await client.PutMutableAsync(PacketFixtures.Signed(keypair, 3_000, PacketFixtures.EmptyDns), 1_000, DhtFixtures.Timeout());

        Assert.Equal(0, result.Stored);
        Assert.Equal(3, result.CasMismatches);
    }

    [Fact]
    public async Task Put_whose_cas_matches_the_stored_seq_is_stored()
    {
        await using var testnet = await DhtFixtures.Testnet(3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        await client.PutMutableAsync(PacketFixtures.Signed(keypair, 2_000, PacketFixtures.EmptyDns), null, DhtFixtures.Timeout());

        var result = await client.PutMutableAsync(PacketFixtures.Signed(keypair, 3_000, PacketFixtures.EmptyDns), 2_000, DhtFixtures.Timeout());

        Assert.Equal(3, result.StoredNodes);
    }

    [Fact]
    public async Task Re_putting_the_identical_item_refreshes_it()
    {
        await using var testnet = await DhtFixtures.Testnet(3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        var packet = PacketFixtures.Signed(keypair, 2_000, PacketFixtures.EmptyDns);
        await client.PutMutableAsync(packet, null, DhtFixtures.Timeout());

        var again = await client.PutMutableAsync(packet, null, DhtFixtures.Timeout());

        Assert.Equal(3, again.StoredNodes);
    }

    [Fact]
    public async Task Equal_seq_with_a_different_value_is_stored_only_if_its_bytes_compare_larger()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        var smaller = PacketFixtures.Signed(keypair, 5_000, TestBytes.Hex("0000 8000 0000 0000 0000 0000"));
        var larger = PacketFixtures.Signed(keypair, 5_000, TestBytes.Hex("0001 8000 0000 0000 0000 0000"));
        await client.PutMutableAsync(larger, null, DhtFixtures.Timeout());

        var refused = await client.PutMutableAsync(smaller, null, DhtFixtures.Timeout());

        Assert.Equal(1, refused.SequenceTooLow);
        Assert.Equal(larger.Bytes.ToArray(), (await client.GetMutableAsync(keypair.PublicKey, DhtFixtures.Timeout()))!.Bytes.ToArray());
    }

    [Fact]
    public async Task Stored_items_are_bounded_and_the_least_recently_used_is_evicted()
    {
        await using var testnet = await DhtFixtures.Testnet(1, maxStoredItems: 3);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        var keys = Enumerable.Range(0, 4).Select(_ => Keypair.Random()).ToList();
        foreach (var key in keys)
        {
            await client.PutMutableAsync(DhtFixtures.Packet(key, "x"), null, DhtFixtures.Timeout());
        }

        Assert.Equal(3, testnet.Nodes[0].Counters.StoredItems);
        Assert.Null(await client.GetMutableAsync(keys[0].PublicKey, DhtFixtures.Timeout()));
        Assert.NotNull(await client.GetMutableAsync(keys[3].PublicKey, DhtFixtures.Timeout()));
        keys.ForEach(k => k.Dispose());
    }

    [Fact]
    public async Task Garbage_datagrams_are_dropped_and_counted_and_the_node_keeps_answering()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        var server = testnet.Nodes[0];
        using var peer = new RawUdpPeer();
        var random = new Random(42);
        for (var batch = 0; batch < 20; batch++)
        {
            for (var i = 0; i < 10; i++)
            {
                var garbage = new byte[random.Next(1, 1200)];
                random.NextBytes(garbage);
                await peer.SendAsync(garbage, server.LocalEndPoint);
            }
            // The receive loop is sequential, so an answer to this ping means the batch before it was handled.
            await peer.SendAsync(KrpcMessage.Query([1, (byte)batch], KrpcQueries.Ping, IdArguments(NodeId.Random())), server.LocalEndPoint);
            Assert.NotNull(await peer.ReceiveAsync(DhtFixtures.Patience));
        }
        await peer.SendAsync(TestBytes.Ascii("d1:rd2:id3:abce1:t2:aa1:y1:re"), server.LocalEndPoint);
        await peer.SendAsync(new byte[3000], server.LocalEndPoint);

        await peer.SendAsync(KrpcMessage.Query([1, 2], KrpcQueries.Ping, IdArguments(NodeId.Random())), server.LocalEndPoint);
        var reply = await peer.ReceiveAsync(DhtFixtures.Patience);

        Assert.Equal(KrpcMessageKind.Response, reply!.Value.Message.Kind);
        Assert.Equal(202, server.Counters.DroppedDatagrams);
    }

    [Fact]
    public async Task Server_reply_echoes_the_transaction_id_and_reports_the_requester_address()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        using var peer = new RawUdpPeer();
        byte[] oddLengthTid = [1, 2, 3];

        await peer.SendAsync(KrpcMessage.Query(oddLengthTid, KrpcQueries.Ping, IdArguments(NodeId.Random())), testnet.Nodes[0].LocalEndPoint);
        var reply = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value;

        Assert.Equal(oddLengthTid, reply.Message.TransactionId);
        Assert.Equal(peer.EndPoint, reply.Message.RequesterEndPoint);
        Assert.Equal(testnet.Nodes[0].Id, reply.Message.SenderId);
        Assert.False(reply.Message.ReadOnly);
    }

    [Fact]
    public async Task Unknown_method_is_answered_with_error_204()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        using var peer = new RawUdpPeer();

        await peer.SendAsync(KrpcMessage.Query([5, 5], "vote", IdArguments(NodeId.Random())), testnet.Nodes[0].LocalEndPoint);

        Assert.Equal(KrpcErrorCodes.MethodUnknown, (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Error!.Code);
    }

    [Fact]
    public async Task Put_with_a_bad_token_is_refused_with_203()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        using var peer = new RawUdpPeer();
        using var keypair = Keypair.Random();
        var item = PacketFixtures.Signed(keypair, 7, PacketFixtures.EmptyDns).ToBep44();
        var arguments = IdArguments(NodeId.Random());
        arguments.Add("token", new byte[8]);
        arguments.Add("k", item.K.ToArray());
        arguments.Add("seq", item.Seq);
        arguments.Add("sig", item.Sig.ToArray());
        arguments.Add("v", item.V.ToArray());

        await peer.SendAsync(KrpcMessage.Query([5, 6], KrpcQueries.Put, arguments), testnet.Nodes[0].LocalEndPoint);

        Assert.Equal(KrpcErrorCodes.Protocol, (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Error!.Code);
        Assert.Equal(0, testnet.Nodes[0].Counters.StoredItems);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(10, false)]
    public async Task Put_token_outlives_one_secret_rotation_but_not_two(int minutesLater, bool accepted)
    {
        var time = new WatchedTime();
        await using var testnet = await DhtTestnet.StartAsync(new DhtTestnetOptions { Size = 1, Time = time });
        using var peer = new RawUdpPeer();
        using var keypair = Keypair.Random();
        var server = testnet.Nodes[0].LocalEndPoint;
        var getArguments = IdArguments(NodeId.Random());
        getArguments.Add("target", Bep44.Target(keypair.PublicKey));
        await peer.SendAsync(KrpcMessage.Query([4, 1], KrpcQueries.Get, getArguments), server);
        var token = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Body!.TryGetBytes("token", out var t) ? t : [];
        var item = PacketFixtures.Signed(keypair, 7, PacketFixtures.EmptyDns).ToBep44();
        var putArguments = IdArguments(NodeId.Random());
        putArguments.Add("token", token);
        putArguments.Add("k", item.K.ToArray());
        putArguments.Add("seq", item.Seq);
        putArguments.Add("sig", item.Sig.ToArray());
        putArguments.Add("v", item.V.ToArray());

        time.Advance(TimeSpan.FromMinutes(minutesLater));
        await peer.SendAsync(KrpcMessage.Query([4, 2], KrpcQueries.Put, putArguments), server);
        var reply = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message;

        Assert.Equal(accepted ? KrpcMessageKind.Response : KrpcMessageKind.Error, reply.Kind);
        Assert.Equal(accepted ? 1 : 0, testnet.Nodes[0].Counters.StoredItems);
    }

    [Fact]
    public async Task Put_with_a_bad_signature_is_refused_with_206()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        using var keypair = Keypair.Random();
        using var peer = new RawUdpPeer();
        var server = testnet.Nodes[0].LocalEndPoint;
        var getArguments = IdArguments(NodeId.Random());
        getArguments.Add("target", Bep44.Target(keypair.PublicKey));
        await peer.SendAsync(KrpcMessage.Query([1, 1], KrpcQueries.Get, getArguments), server);
        var token = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Body!.TryGetBytes("token", out var t) ? t : [];
        var item = PacketFixtures.Signed(keypair, 7, PacketFixtures.EmptyDns).ToBep44();
        var putArguments = IdArguments(NodeId.Random());
        putArguments.Add("token", token);
        putArguments.Add("k", item.K.ToArray());
        putArguments.Add("seq", 8L);
        putArguments.Add("sig", item.Sig.ToArray());
        putArguments.Add("v", item.V.ToArray());

        await peer.SendAsync(KrpcMessage.Query([1, 2], KrpcQueries.Put, putArguments), server);

        Assert.Equal(KrpcErrorCodes.InvalidSignature, (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Error!.Code);
    }

    [Fact]
    public async Task Answer_carrying_another_keys_validly_signed_packet_is_ignored()
    {
        using var hostile = new RawUdpPeer();
        await using var client = await DhtFixtures.Client([hostile.EndPoint]);
        using var asked = Keypair.Random();
        using var other = Keypair.Random();
        var foreign = PacketFixtures.Signed(other, 9_000, PacketFixtures.EmptyDns).ToBep44();
        var hostileId = NodeId.Random();
        var serving = Task.Run(async () =>
        {
            // Answer every query (bootstrap find_node, then get) with the other key's packet and no nodes.
            for (var i = 0; i < 10; i++)
            {
                if (await hostile.ReceiveAsync(TimeSpan.FromSeconds(5)) is not { } query)
                {
                    return;
                }
                var body = IdArguments(hostileId);
                body.Add("token", new byte[4]);
                body.Add("k", foreign.K.ToArray());
                body.Add("seq", foreign.Seq);
                body.Add("sig", foreign.Sig.ToArray());
                body.Add("v", foreign.V.ToArray());
                await hostile.SendAsync(KrpcMessage.Response(query.Message.TransactionId, body), query.From);
            }
        });

        var found = await client.GetMutableAsync(asked.PublicKey, DhtFixtures.Timeout());

        Assert.Null(found);
        Assert.True(client.Counters.RejectedValues >= 1);
        hostile.Dispose();
        await serving.ContinueWith(_ => { });
    }

    [Fact]
    public async Task Client_mode_sends_read_only_queries_and_does_not_answer()
    {
        using var observer = new RawUdpPeer();
        await using var client = await DhtFixtures.Client([]);

        var ping = client.PingAsync(observer.EndPoint, DhtFixtures.Timeout());
        var received = (await observer.ReceiveAsync(DhtFixtures.Patience))!.Value;
        await observer.SendAsync(KrpcMessage.Query([3, 3], KrpcQueries.Ping, IdArguments(NodeId.Random())), client.LocalEndPoint);
        var answer = await observer.ReceiveAsync(TimeSpan.FromMilliseconds(700));
        await ping;

        Assert.True(received.Message.ReadOnly);
        Assert.Null(answer);
        Assert.Equal(1, client.Counters.QueriesIgnored);
    }

    [Fact]
    public async Task Announced_peer_is_handed_out_by_get_peers()
    {
        await using var testnet = await DhtFixtures.Testnet(1);
        using var peer = new RawUdpPeer();
        var server = testnet.Nodes[0].LocalEndPoint;
        var infoHash = NodeId.Random().Bytes.ToArray();
        var getPeers = IdArguments(NodeId.Random());
        getPeers.Add("info_hash", infoHash);
        await peer.SendAsync(KrpcMessage.Query([2, 1], KrpcQueries.GetPeers, getPeers), server);
        var before = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Body!;
        var announce = IdArguments(NodeId.Random());
        announce.Add("info_hash", infoHash);
        announce.Add("token", before.TryGetBytes("token", out var token) ? token : []);
        announce.Add("port", 4321L);

        await peer.SendAsync(KrpcMessage.Query([2, 2], KrpcQueries.AnnouncePeer, announce), server);
        var accepted = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message;
        await peer.SendAsync(KrpcMessage.Query([2, 3], KrpcQueries.GetPeers, getPeers), server);
        var after = (await peer.ReceiveAsync(DhtFixtures.Patience))!.Value.Message.Body!;

        Assert.False(before.TryGetValue("values", out _));
        Assert.Equal(KrpcMessageKind.Response, accepted.Kind);
        Assert.True(after.TryGetList("values", out var values));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4321), CompactFormats.DecodeEndPoint((byte[])Assert.Single(values)));
    }

    [Fact]
    public async Task Testnet_first_node_binds_the_given_port()
    {
        int port;
        using (var probe = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        await using var testnet = await Pkarr.Testnet.DhtTestnet.StartAsync(new Pkarr.Testnet.DhtTestnetOptions { Size = 2, FirstPort = port });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), testnet.Bootstrap[0]);
    }

    [Fact]
    public async Task Testnet_nodes_know_each_other_after_start()
    {
        await using var testnet = await DhtFixtures.Testnet(5);

        Assert.All(testnet.Nodes, n => Assert.Equal(4, n.RoutingTable.Count));
    }

    [Fact]
    public async Task Lookup_towards_a_silent_node_ends_when_its_request_times_out()
    {
        using var silent = new RawUdpPeer();
        var time = new WatchedTime();
        var requestTimeout = TimeSpan.FromSeconds(2);
        var starting = DhtNode.StartAsync(
            new DhtNodeOptions
            {
                BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                Bootstrap = [silent.EndPoint],
                RequestTimeout = requestTimeout,
                LookupTimeout = TimeSpan.FromMinutes(1),
                Time = time,
            },
            DhtFixtures.Timeout());

        var query = await silent.ReceiveAsync(DhtFixtures.Patience);
        while (await time.NextTimerAsync(DhtFixtures.Timeout()) != requestTimeout)
        {
        }
        var waitedForTheAnswer = !starting.IsCompleted;
        time.Advance(requestTimeout);
        await using var client = await starting.WaitAsync(DhtFixtures.Patience);

        Assert.Equal(KrpcQueries.FindNode, query!.Value.Message.QueryName);
        Assert.True(waitedForTheAnswer);
        Assert.Equal(1, client.Counters.Timeouts);
        Assert.Equal(0, client.RoutingTable.Count);
    }
}
