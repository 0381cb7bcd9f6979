using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pubky.Protocol.Quotas;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>Rates cross grain calls between processes: they must survive Orleans' serializer, not only in-process calls.</summary>
public sealed class QuotaWireTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(UserQuota).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void A_quota_with_rate_overrides_survives_the_wire()
    {
        var quota = UserQuota.Default with { RateRead = new RateOverride(Bandwidth.Parse("10mb/s")), RateWrite = RateOverride.Unlimited };

        Assert.Equal(quota, RoundTrip(quota));
    }

    [Fact]
    public void A_read_outcome_keeps_the_owner_and_its_rate()
    {
        var outcome = RoundTrip(new ReadOutcome(Refusal.None, null, ByOwner: true, OwnerRate: Bandwidth.Parse("1kb/s")));

        Assert.True(outcome.ByOwner);
        Assert.Equal(Bandwidth.Parse("1kb/s"), outcome.OwnerRate);
    }

    [Fact]
    public void A_write_decision_keeps_its_rate()
    {
        Assert.Equal(Bandwidth.Parse("2gb/m"), RoundTrip(new WriteDecision(Refusal.None, WriteRate: Bandwidth.Parse("2gb/m"))).WriteRate);
    }
}
