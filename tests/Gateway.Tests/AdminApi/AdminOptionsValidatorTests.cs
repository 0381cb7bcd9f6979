using PubkyCluster.Gateway.AdminApi;

namespace PubkyCluster.Gateway.Tests.AdminApi;

public sealed class AdminOptionsValidatorTests
{
    [Fact]
    public void The_default_firehose_poll_interval_is_one_second_and_valid()
    {
        var options = new AdminOptions { Password = "secret" };

        Assert.Equal(TimeSpan.FromSeconds(1), options.EventsStreamPollInterval);
        Assert.True(new AdminOptionsValidator(testnet: false).Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    public void A_firehose_poll_interval_outside_zero_to_a_minute_is_refused(int seconds)
    {
        var options = new AdminOptions { Password = "secret", EventsStreamPollInterval = TimeSpan.FromSeconds(seconds) };

        Assert.True(new AdminOptionsValidator(testnet: true).Validate(null, options).Failed);
    }
}
