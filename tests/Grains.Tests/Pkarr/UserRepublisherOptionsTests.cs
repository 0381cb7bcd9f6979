using PubkyCluster.Grains.Pkarr;

namespace PubkyCluster.Grains.Tests.Pkarr;

public sealed class UserRepublisherOptionsTests
{
    [Fact]
    public void An_interval_below_30_minutes_is_raised_to_30_minutes()
    {
        var options = new UserRepublisherOptions { Interval = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromMinutes(30), options.EffectiveInterval);
    }

    [Fact]
    public void The_default_interval_is_4_hours()
    {
        Assert.Equal(TimeSpan.FromHours(4), new UserRepublisherOptions().EffectiveInterval);
    }
}
