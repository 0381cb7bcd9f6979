using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Publisher;
using Pubky.Pkarr.Relay;
using Pubky.Pkarr.Tests.Dht;
using Pubky.Pkarr.Tests.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Relay;

public sealed class PkarrRelayClientTests : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Keypair _keypair = Keypair.Random();

    public void Dispose()
    {
        _http.Dispose();
        _keypair.Dispose();
    }

    private PkarrRelayClient Client(params TestRelayServer[] relays) => new(_http, relays.Select(r => r.Uri).ToList());

    private SignedPacket Packet(ulong timestamp = 1_700_000_000_000_000) => PacketFixtures.Signed(_keypair, timestamp, PacketFixtures.EmptyDns);

    [Fact]
    public async Task Publish_succeeds_when_a_majority_of_relays_accept()
    {
        using var a = new TestRelayServer(_ => TestRelayServer.Status(204));
        using var b = new TestRelayServer(_ => TestRelayServer.Status(200));
        using var c = new TestRelayServer(_ => TestRelayServer.Status(500));

        var result = await Client(a, b, c).PublishAsync(Packet(), null, DhtFixtures.Timeout());

        Assert.True(result.IsMajority);
        Assert.Equal(2, result.Succeeded);
    }

    [Fact]
    public async Task Publish_accepted_by_a_minority_is_not_a_majority()
    {
        using var a = new TestRelayServer(_ => TestRelayServer.Status(204));
        using var b = new TestRelayServer(_ => TestRelayServer.Status(500));
        using var c = new TestRelayServer(_ => TestRelayServer.Status(500));

        var result = await Client(a, b, c).PublishAsync(Packet(), null, DhtFixtures.Timeout());

        Assert.False(result.IsMajority);
    }

    [Fact]
    public async Task Publish_puts_the_relay_payload_at_the_key_path_with_if_match_cas()
    {
        using var relay = new TestRelayServer(_ => TestRelayServer.Status(204));
        var packet = Packet();

        await Client(relay).PublishAsync(packet, 1_234_567, DhtFixtures.Timeout());

        var request = relay.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/" + _keypair.PublicKey.Z32, request.Path);
        Assert.Equal("1234567", request.Headers["If-Match"]);
        Assert.Equal(packet.ToRelayPayload(), request.Body);
    }

    [Fact]
    public async Task Publish_without_cas_sends_no_if_match()
    {
        using var relay = new TestRelayServer(_ => TestRelayServer.Status(204));

        await Client(relay).PublishAsync(Packet(), null, DhtFixtures.Timeout());

        Assert.False(relay.Requests.Single().Headers.ContainsKey("If-Match"));
    }

    [Theory]
    [InlineData(409, PublishConflict.NotMostRecent)]
    [InlineData(412, PublishConflict.CasFailed)]
    [InlineData(428, PublishConflict.ConflictRisk)]
    public async Task Majority_of_concurrency_refusals_is_raised_as_the_typed_conflict(int status, PublishConflict expected)
    {
        using var a = new TestRelayServer(_ => TestRelayServer.Status(status));
        using var b = new TestRelayServer(_ => TestRelayServer.Status(status));
        using var c = new TestRelayServer(_ => TestRelayServer.Status(204));

        var error = await Assert.ThrowsAsync<PublishConflictException>(() => Client(a, b, c).PublishAsync(Packet(), 1, DhtFixtures.Timeout()));

        Assert.Equal(expected, error.Conflict);
    }

    [Fact]
    public async Task Stored_nodes_header_of_newer_relays_is_reported()
    {
        using var relay = new TestRelayServer(_ => (204, [], new Dictionary<string, string> { [PkarrRelayClient.StoredNodesHeader] = "17" }));

        var result = await Client(relay).PublishAsync(Packet(), null, DhtFixtures.Timeout());

        Assert.Equal(17, result.Outcomes.Single().DhtStoredNodes);
    }

    [Fact]
    public async Task Get_returns_the_verified_packet()
    {
        var packet = Packet();
        using var relay = new TestRelayServer(_ => (200, packet.ToRelayPayload(), null));

        var read = await Client(relay).GetAsync(relay.Uri, _keypair.PublicKey, null, DhtFixtures.Timeout());

        Assert.Equal(packet.Bytes.ToArray(), read!.Bytes.ToArray());
        Assert.False(relay.Requests.Single().Headers.ContainsKey("If-Modified-Since"));
    }

    [Fact]
    public async Task Empty_200_to_a_conditional_get_is_retried_without_if_modified_since()
    {
        var cached = Packet(1_600_000_000_000_000);
        var newer = Packet(1_700_000_000_000_000);
        using var relay = new TestRelayServer(r => r.Headers.ContainsKey("If-Modified-Since") ? (200, [], null) : (200, newer.ToRelayPayload(), null));

        var read = await Client(relay).GetAsync(relay.Uri, _keypair.PublicKey, cached, DhtFixtures.Timeout());

        Assert.Equal(newer.Timestamp, read!.Timestamp);
        Assert.Equal(2, relay.Requests.Count);
    }

    [Fact]
    public async Task Not_modified_returns_the_cached_packet()
    {
        var cached = Packet();
        using var relay = new TestRelayServer(_ => TestRelayServer.Status(304));

        var read = await Client(relay).GetAsync(relay.Uri, _keypair.PublicKey, cached, DhtFixtures.Timeout());

        Assert.Same(cached, read);
        Assert.Equal(
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).ToString("r"),
            relay.Requests.Single().Headers["If-Modified-Since"]);
    }

    [Fact]
    public async Task Payload_signed_by_another_key_is_ignored()
    {
        using var other = Keypair.Random();
        using var relay = new TestRelayServer(_ => (200, PacketFixtures.Signed(other, 5, PacketFixtures.EmptyDns).ToRelayPayload(), null));

        Assert.Null(await Client(relay).GetAsync(relay.Uri, _keypair.PublicKey, null, DhtFixtures.Timeout()));
    }

    [Fact]
    public async Task Unknown_key_reads_as_null()
    {
        using var relay = new TestRelayServer(_ => TestRelayServer.Status(404));

        Assert.Null(await Client(relay).GetAsync(relay.Uri, _keypair.PublicKey, null, DhtFixtures.Timeout()));
    }

    [Fact]
    public async Task A_relay_that_does_not_answer_is_given_up_once_the_request_timeout_passes()
    {
        var time = new WatchedTime();
        using var answer = new ManualResetEventSlim();
        using var relay = new TestRelayServer(_ =>
        {
            answer.Wait(DhtFixtures.Patience);
            return TestRelayServer.Status(404);
        });
        var client = new PkarrRelayClient(
            _http, [relay.Uri], new PkarrRelayClientOptions { RequestTimeout = TimeSpan.FromSeconds(2), Time = time });

        var reading = client.GetAsync(relay.Uri, _keypair.PublicKey, null, DhtFixtures.Timeout());
        var timeout = await time.NextTimerAsync(DhtFixtures.Timeout());
        var waitedForTheRelay = !reading.IsCompleted;
        time.Advance(timeout);
        var read = await reading.WaitAsync(DhtFixtures.Patience);
        answer.Set();

        Assert.Equal(TimeSpan.FromSeconds(2), timeout);
        Assert.True(waitedForTheRelay);
        Assert.Null(read);
    }

    [Fact]
    public async Task Resolve_over_several_relays_ends_with_the_most_recent_packet()
    {
        var older = Packet(1_600_000_000_000_000);
        var newer = Packet(1_700_000_000_000_000);
        using var a = new TestRelayServer(_ => (200, older.ToRelayPayload(), null));
        using var b = new TestRelayServer(_ => (200, newer.ToRelayPayload(), null));
        using var c = new TestRelayServer(_ => TestRelayServer.Status(404));

        SignedPacket? last = null;
        await foreach (var packet in Client(a, b, c).ResolveStreamAsync(_keypair.PublicKey, null, DhtFixtures.Timeout()))
        {
            last = packet;
        }

        Assert.Equal(newer.Timestamp, last!.Timestamp);
    }
}
