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
}
