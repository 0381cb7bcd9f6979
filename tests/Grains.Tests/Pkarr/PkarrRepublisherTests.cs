using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Grains.Tests.Pkarr;

/// <summary>The user-record republisher's rules, over real grains and storage and a fake DHT.</summary>
public sealed class PkarrRepublisherTests : IAsyncLifetime
{
    private RepublisherCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RepublisherCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Only_users_whose_record_points_at_this_homeserver_are_republished()
    {
        using var elsewhere = Keypair.Random();
        using var ours = await _cluster.SignUpAsync();
        using var moved = await _cluster.SignUpAsync();
        var ourPacket = PubkyRecords.UserPacket(ours, _cluster.Homeserver.PublicKey);
        _cluster.Dht.Hold(ourPacket);
        _cluster.Dht.Hold(PubkyRecords.UserPacket(moved, elsewhere.PublicKey));

        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(new RepublishCounts(Published: 1, Skipped: 1, Missing: 0, Failed: 0), counts);
        Assert.Equal(ourPacket.Bytes.ToArray(), Assert.Single(_cluster.Dht.Puts).Bytes.ToArray());
    }

    [Fact]
    public async Task A_record_the_dht_dropped_during_an_outage_is_put_back_byte_for_byte()
    {
        using var user = await _cluster.SignUpAsync();
        var packet = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey);
        _cluster.Dht.Hold(packet);
        await _cluster.RepublishNowAsync();

        _cluster.Dht.Outage();
        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(1, counts.Published);
        Assert.Equal(packet.Bytes.ToArray(), _cluster.Dht.Held(user.PublicKey)?.Bytes.ToArray());
    }

    [Fact]
    public async Task A_packet_only_the_relay_holds_is_published_unchanged_never_re_signed()
    {
        using var user = await _cluster.SignUpAsync();
        var packet = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey);
        await _cluster.HoldAsync(packet);

        await _cluster.RepublishNowAsync();

        var put = Assert.Single(_cluster.Dht.Puts);
        Assert.Equal(packet.Timestamp, put.Timestamp);
        Assert.Equal(packet.Signature.ToArray(), put.Signature.ToArray());
        Assert.Equal(packet.Bytes.ToArray(), put.Bytes.ToArray());
    }

    [Fact]
    public async Task A_newer_packet_on_the_dht_replaces_the_held_one_and_is_the_one_republished()
    {
        using var user = await _cluster.SignUpAsync();
        var older = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey);
        await _cluster.HoldAsync(older);
        var newer = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey, previous: older);
        _cluster.Dht.Hold(newer);

        await _cluster.RepublishNowAsync();

        Assert.Equal(newer.Bytes.ToArray(), (await _cluster.HeldAsync(user.PublicKey))?.Bytes.ToArray());
        Assert.Equal(newer.Bytes.ToArray(), Assert.Single(_cluster.Dht.Puts).Bytes.ToArray());
    }

    [Fact]
    public async Task A_user_who_moved_is_skipped_even_though_an_older_packet_pointed_here()
    {
        using var elsewhere = Keypair.Random();
        using var user = await _cluster.SignUpAsync();
        var here = PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey);
        await _cluster.HoldAsync(here);
        _cluster.Dht.Hold(PubkyRecords.UserPacket(user, elsewhere.PublicKey, previous: here));

        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(1, counts.Skipped);
        Assert.Empty(_cluster.Dht.Puts);
    }

    [Fact]
    public async Task Users_with_no_packet_anywhere_are_counted_missing()
    {
        using var user = await _cluster.SignUpAsync();

        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(new RepublishCounts(0, 0, Missing: 1, 0), counts);
    }

    [Fact]
    public async Task Publishes_no_dht_node_stored_are_counted_failed()
    {
        using var user = await _cluster.SignUpAsync();
        await _cluster.HoldAsync(PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey));
        _cluster.Dht.StoringNodes = 0;

        var counts = await _cluster.RepublishNowAsync();

        Assert.Equal(new RepublishCounts(0, 0, 0, Failed: 1), counts);
    }

    [Fact]
    public async Task A_pass_visits_every_user_across_batches_and_reports_its_counts()
    {
        var users = new List<Keypair>();
        for (var i = 0; i < (2 * RepublisherCluster.BatchSize) + 1; i++)
        {
            var user = await _cluster.SignUpAsync();
            users.Add(user);
            _cluster.Dht.Hold(PubkyRecords.UserPacket(user, _cluster.Homeserver.PublicKey));
        }

        var counts = await _cluster.RepublishNowAsync();
        users.ForEach(u => u.Dispose());

        Assert.Equal(users.Count, counts.Published);
        Assert.Equal(counts, Assert.Single(_cluster.Metrics.Passes));
    }
}
