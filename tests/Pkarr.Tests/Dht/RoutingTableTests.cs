using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Tests.Dht;

public sealed class RoutingTableTests
{
    private static readonly NodeId Self = NodeId.FromBytes(new byte[20]);

    /// <summary>An id whose top bit differs from <see cref="Self"/>: all such ids share the farthest bucket.</summary>
    private static NodeId FarId(int n)
    {
        var bytes = new byte[20];
        bytes[0] = 0x80;
        bytes[19] = (byte)n;
        return NodeId.FromBytes(bytes);
    }

    private static NodeContact Contact(NodeId id, int port) => new(id, new IPEndPoint(IPAddress.Loopback, port));

    private static (RoutingTable Table, FakeTimeProvider Time) FullFarBucket()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var table = new RoutingTable(Self, time);
        for (var i = 0; i < RoutingTable.K; i++)
        {
            Assert.True(table.Seen(Contact(FarId(i), 1000 + i)));
        }
        return (table, time);
    }

    [Fact]
    public void Full_bucket_refuses_a_newcomer_while_its_oldest_node_is_fresh()
    {
        var (table, time) = FullFarBucket();
        time.Advance(TimeSpan.FromMinutes(14));

        Assert.False(table.Seen(Contact(FarId(200), 2000)));
        Assert.Equal(RoutingTable.K, table.Count);
    }

    [Fact]
    public void Full_bucket_replaces_its_least_recently_seen_node_once_stale()
    {
        var (table, time) = FullFarBucket();
        time.Advance(TimeSpan.FromMinutes(16));

        Assert.True(table.Seen(Contact(FarId(200), 2000)));
        Assert.False(table.Contains(FarId(0)));
        Assert.True(table.Contains(FarId(1)));
    }

    [Fact]
    public void Seeing_a_node_again_makes_it_most_recent_so_the_next_oldest_is_replaced()
    {
        var (table, time) = FullFarBucket();
        time.Advance(TimeSpan.FromMinutes(16));
        table.Seen(Contact(FarId(0), 1000));

        Assert.True(table.Seen(Contact(FarId(200), 2000)));
        Assert.True(table.Contains(FarId(0)));
        Assert.False(table.Contains(FarId(1)));
    }

    [Fact]
    public void Nodes_at_other_distances_do_not_compete_for_a_full_bucket()
    {
        var (table, _) = FullFarBucket();
        var nearBytes = new byte[20];
        nearBytes[19] = 1;

        Assert.True(table.Seen(Contact(NodeId.FromBytes(nearBytes), 3000)));
    }

    [Fact]
    public void Own_id_is_never_added()
    {
        var table = new RoutingTable(Self);

        Assert.False(table.Seen(Contact(Self, 1)));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Known_id_from_a_new_address_is_ignored_while_the_old_entry_is_fresh()
    {
        var table = new RoutingTable(Self);
        table.Seen(Contact(FarId(1), 1000));

        Assert.False(table.Seen(Contact(FarId(1), 4000)));
        Assert.Equal(1000, table.Closest(FarId(1)).Single().EndPoint.Port);
    }

    [Fact]
    public void Closest_orders_by_xor_distance_to_the_target()
    {
        var table = new RoutingTable(Self);
        var ids = new[] { 0x01, 0x40, 0x80, 0xC0 }.Select(b =>
        {
            var bytes = new byte[20];
            bytes[0] = (byte)b;
            return NodeId.FromBytes(bytes);
        }).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            table.Seen(Contact(ids[i], 100 + i));
        }

        var closest = table.Closest(ids[3], 2);

        Assert.Equal([ids[3], ids[2]], closest.Select(c => c.Id));
    }

    [Fact]
    public void Distance_bits_index_the_bucket_by_the_highest_differing_bit()
    {
        var low = new byte[20];
        low[19] = 1;

        Assert.Equal(0, Self.DistanceBits(Self));
        Assert.Equal(1, Self.DistanceBits(NodeId.FromBytes(low)));
        Assert.Equal(160, Self.DistanceBits(FarId(0)));
    }
}
