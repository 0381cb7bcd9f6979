using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Publisher;
using Pubky.Pkarr.Tests.Dht;
using Pubky.Pkarr.Tests.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Publisher;

public sealed class PkarrPublisherTests : IDisposable
{
    private readonly Keypair _keypair = Keypair.Random();
    private readonly FakeDht _dht = new();
    private readonly WatchedTime _time = new();

    public void Dispose() => _keypair.Dispose();

    private Pkarr.Packets.SignedPacket Packet => PacketFixtures.Signed(_keypair, 1_000, PacketFixtures.EmptyDns);

    /// <summary>Mainnet's policy on the fake clock, so backoffs pass the moment they start.</summary>
    private PkarrPublisherOptions Options => PkarrPublisherOptions.Mainnet with { Time = _time };

    /// <summary>Publishes with every backoff skipped; returns the result and the backoffs the publisher asked for.</summary>
    private async Task<(PublishResult Result, IReadOnlyList<TimeSpan> Backoffs)> PublishAsync(PkarrPublisher publisher)
    {
        var publishing = publisher.PublishAsync(Packet, null, DhtFixtures.Timeout());
        var backoffs = await _time.RunSkippingTimersAsync(publishing, DhtFixtures.Timeout());
        return (await publishing, backoffs);
    }

    [Fact]
    public async Task Enough_storing_nodes_on_the_first_attempt_needs_no_retry()
    {
        _dht.QueuePutResults(FakeDht.Stored(12));
        var publisher = new PkarrPublisher(_dht, null, Options);

        var (result, backoffs) = await PublishAsync(publisher);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(12, result.DhtStoredNodes);
        Assert.Empty(backoffs);
    }

    [Fact]
    public async Task Too_few_storing_nodes_are_retried_until_the_threshold_is_met()
    {
        _dht.QueuePutResults(FakeDht.Stored(3), FakeDht.Stored(9), FakeDht.Stored(10));
        var publisher = new PkarrPublisher(_dht, null, Options);

        var (result, _) = await PublishAsync(publisher);

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, publisher.Attempts);
        Assert.Equal(1, publisher.Published);
    }

    [Fact]
    public async Task Publish_gives_up_after_four_retries()
    {
        var publisher = new PkarrPublisher(_dht, null, Options);

        var (result, _) = await PublishAsync(publisher);

        Assert.False(result.Succeeded);
        Assert.Equal(5, _dht.Puts);
        Assert.Equal(1, publisher.Failed);
    }

    [Fact]
    public async Task Backoff_doubles_from_the_initial_delay()
    {
        var publisher = new PkarrPublisher(
            _dht, null, Options with { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(5), MaxRetries = 3 });

        var (_, backoffs) = await PublishAsync(publisher);

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], backoffs);
        Assert.Equal(4, _dht.Puts);
    }

    [Fact]
    public async Task Backoff_stops_growing_at_the_maximum()
    {
        var publisher = new PkarrPublisher(
            _dht, null, Options with { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(3), MaxRetries = 4 });

        var (_, backoffs) = await PublishAsync(publisher);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], backoffs);
    }

    [Fact]
    public async Task Nodes_answering_302_while_holding_the_identical_packet_count_as_storing()
    {
        _dht.QueuePutResults(new DhtPutResult(2, 8, 0, 0, 0, 0));
        var publisher = new PkarrPublisher(_dht, null, Options);

        var (result, _) = await PublishAsync(publisher);

        Assert.True(result.Succeeded);
        Assert.Equal(10, result.DhtStoredNodes);
    }

    [Fact]
    public async Task Most_nodes_holding_a_newer_packet_is_a_not_most_recent_conflict()
    {
        _dht.QueuePutResults(new DhtPutResult(0, 0, 0, 15, 0, 5));
        var publisher = new PkarrPublisher(_dht, null, Options);

        var error = await Assert.ThrowsAsync<PublishConflictException>(() => publisher.PublishAsync(Packet, null, DhtFixtures.Timeout()));

        Assert.Equal(PublishConflict.NotMostRecent, error.Conflict);
        Assert.Equal(1, _dht.Puts);
    }

    [Fact]
    public async Task Most_nodes_refusing_the_cas_is_a_cas_conflict()
    {
        _dht.QueuePutResults(new DhtPutResult(0, 0, 12, 0, 0, 0));
        var publisher = new PkarrPublisher(_dht, null, Options);

        var error = await Assert.ThrowsAsync<PublishConflictException>(() => publisher.PublishAsync(Packet, 5, DhtFixtures.Timeout()));

        Assert.Equal(PublishConflict.CasFailed, error.Conflict);
    }

    [Fact]
    public async Task Republishing_the_same_packet_on_a_testnet_still_succeeds()
    {
        await using var testnet = await DhtFixtures.Testnet(4);
        await using var client = await DhtFixtures.Client(testnet.Bootstrap);
        var publisher = new PkarrPublisher(client, null, PkarrPublisherOptions.Testnet);
        var packet = DhtFixtures.Packet(_keypair, "again");

        var first = await publisher.PublishAsync(packet, null, DhtFixtures.Timeout());
        var second = await publisher.PublishAsync(packet, null, DhtFixtures.Timeout());

        // Nodes that already hold the identical packet count as stored. Not "all 4": on a busy machine one UDP answer
        // can miss the 500 ms request timeout, which is the network's doing, not the republish's.
        Assert.InRange(first.DhtStoredNodes, 1, 4);
        Assert.InRange(second.DhtStoredNodes, 1, 4);
    }
}
