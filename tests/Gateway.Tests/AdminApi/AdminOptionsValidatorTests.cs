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

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_WebDAV_page_size_outside_one_to_ten_thousand_is_refused_naming_the_key(int size)
    {
        var options = new AdminOptions { Password = "secret", DavPageSize = size };

        var result = new AdminOptionsValidator(testnet: true).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Admin:DavPageSize", result.FailureMessage);
    }
}
