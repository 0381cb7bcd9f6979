using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Tests.Throttling;

public sealed class RateSettingsTests
{
    [Theory]
    [InlineData(nameof(LimitsOptions.DefaultRateRead))]
    [InlineData(nameof(LimitsOptions.DefaultRateWrite))]
    [InlineData(nameof(LimitsOptions.UnauthenticatedIpRateRead))]
    public void A_bad_rate_stops_the_process_with_a_message_naming_the_key(string key)
    {
        var options = new LimitsOptions();
        typeof(LimitsOptions).GetProperty(key)!.SetValue(options, "10r/s");

        var result = new LimitsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            $"Limits:{key}: '10r/s' is not a bandwidth: r counts requests, not bytes (expected <rate><kb|mb|gb>/<s|m>, e.g. 10mb/s); leave it unset for unlimited.",
            result.FailureMessage);
    }

    [Fact]
    public void Unset_rates_are_unlimited()
    {
        var options = new LimitsOptions();

        Assert.Null(options.RateRead);
        Assert.Null(options.RateWrite);
        Assert.Null(options.IpRateRead);
    }

    [Fact]
    public void A_good_rate_is_accepted_and_read()
    {
        var options = new LimitsOptions { DefaultRateWrite = "10mb/s" };

        Assert.True(new LimitsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(10L * 1024 * 1024, options.RateWrite?.BytesPerPeriod);
    }
}
