using PubkyCluster.Gateway.HttpRelay;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

public sealed class HttpRelayOptionsValidatorTests
{
    [Fact]
    public void Default_timeout_is_the_references_ten_minutes_and_valid()
    {
        var options = new HttpRelayOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.Timeout);
        Assert.True(new HttpRelayOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3601)]
    public void Timeout_outside_one_second_to_an_hour_is_refused(int seconds)
    {
        var result = new HttpRelayOptionsValidator().Validate(null, new HttpRelayOptions { TimeoutSeconds = seconds });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Inbox_defaults_are_the_references_25_s_wait_5_min_ttl_2_KiB_body_and_10_waiters()
    {
        var options = new HttpRelayOptions();

        Assert.Equal(TimeSpan.FromSeconds(25), options.InboxTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.InboxTtl);
        Assert.Equal(2048, options.InboxMaxBodyBytes);
        Assert.Equal(10, options.InboxWaitersPerId);
    }

    [Theory]
    [InlineData(nameof(HttpRelayOptions.InboxTimeoutSeconds), 0)]
    [InlineData(nameof(HttpRelayOptions.InboxTimeoutSeconds), 3601)]
    [InlineData(nameof(HttpRelayOptions.InboxTtlSeconds), 0)]
    [InlineData(nameof(HttpRelayOptions.InboxTtlSeconds), 86401)]
    [InlineData(nameof(HttpRelayOptions.InboxMaxBodyBytes), 0)]
    [InlineData(nameof(HttpRelayOptions.InboxMaxBodyBytes), 65537)]
    [InlineData(nameof(HttpRelayOptions.InboxWaitersPerId), 0)]
    [InlineData(nameof(HttpRelayOptions.InboxWaitersPerId), 1001)]
    public void An_inbox_setting_out_of_range_is_refused_naming_its_key(string key, int value)
    {
        var options = new HttpRelayOptions();
        typeof(HttpRelayOptions).GetProperty(key)!.SetValue(options, value);

        var result = new HttpRelayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"HttpRelay:{key}", result.FailureMessage);
    }
}
