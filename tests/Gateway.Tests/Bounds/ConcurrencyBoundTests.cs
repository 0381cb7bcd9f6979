using System.Net;
using PubkyCluster.Gateway.Bounds;

namespace PubkyCluster.Gateway.Tests.Bounds;

public sealed class ConcurrencyBoundTests
{
    private static readonly IPAddress Alice = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Bob = IPAddress.Parse("192.0.2.2");

    private static ConcurrencyBound Bound(int perAddress, int total) => new(BoundedResource.EventStreams, perAddress, total, TestMetrics.Create());

    [Fact]
    public void An_address_is_admitted_up_to_its_limit_and_refused_one_beyond_it()
    {
        var bound = Bound(perAddress: 2, total: 10);
        using var first = bound.Enter(Alice);
        using var second = bound.Enter(Alice);

        using var third = bound.Enter(Alice);

        Assert.Equal(BoundScope.None, first.Refused);
        Assert.Equal(BoundScope.None, second.Refused);
        Assert.Equal(BoundScope.Address, third.Refused);
    }

    [Fact]
    public void A_place_ended_is_free_for_the_next_connection()
    {
        var bound = Bound(perAddress: 1, total: 10);
        bound.Enter(Alice).Dispose();

        Assert.Equal(BoundScope.None, bound.Enter(Alice).Refused);
    }

    [Fact]
    public void Another_address_is_admitted_when_one_is_at_its_limit()
    {
        var bound = Bound(perAddress: 1, total: 10);
        using var alice = bound.Enter(Alice);

        using var bob = bound.Enter(Bob);

        Assert.Equal(BoundScope.None, bob.Refused);
    }

    [Fact]
    public void The_total_refuses_every_address_once_reached()
    {
        var bound = Bound(perAddress: 5, total: 2);
        using var first = bound.Enter(Alice);
        using var second = bound.Enter(Bob);

        using var third = bound.Enter(IPAddress.Parse("192.0.2.3"));

        Assert.Equal(BoundScope.Total, third.Refused);
    }

    [Fact]
    public void Disposing_a_place_twice_frees_it_once()
    {
        var bound = Bound(perAddress: 2, total: 10);
        using var kept = bound.Enter(Alice);
        var ended = bound.Enter(Alice);

        ended.Dispose();
        ended.Dispose();

        Assert.Equal(1, bound.OpenFor(Alice));
    }

    [Fact]
    public void A_refused_entry_takes_no_place()
    {
        var bound = Bound(perAddress: 1, total: 10);
        using var admitted = bound.Enter(Alice);

        bound.Enter(Alice).Dispose();

        Assert.Equal(1, bound.OpenFor(Alice));
    }
}
