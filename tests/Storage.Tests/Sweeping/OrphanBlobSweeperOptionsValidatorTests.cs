using PubkyCluster.Storage.Sweeping;

namespace PubkyCluster.Storage.Tests.Sweeping;

public sealed class OrphanBlobSweeperOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_an_hour_of_grace_an_hourly_pass_of_at_most_ten_thousand_blobs_and_valid()
    {
        var options = new OrphanBlobSweeperOptions();

        Assert.Equal(TimeSpan.FromHours(1), options.GracePeriod);
        Assert.Equal(TimeSpan.FromHours(1), options.Interval);
        Assert.Equal(10_000, options.MaxBlobsPerPass);
        Assert.True(new OrphanBlobSweeperOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00", "01:00:00", 1, "Storage:OrphanSweep:GracePeriod")]
    [InlineData("-00:00:01", "01:00:00", 1, "Storage:OrphanSweep:GracePeriod")]
    [InlineData("01:00:00", "00:00:00", 1, "Storage:OrphanSweep:Interval")]
    [InlineData("01:00:00", "50.00:00:00", 1, "Storage:OrphanSweep:Interval")]
    [InlineData("01:00:00", "01:00:00", 0, "Storage:OrphanSweep:MaxBlobsPerPass")]
    public void A_bad_setting_is_refused_with_a_message_naming_its_key(string gracePeriod, string interval, int maxBlobsPerPass, string key)
    {
        var options = new OrphanBlobSweeperOptions
        {
            GracePeriod = TimeSpan.Parse(gracePeriod, System.Globalization.CultureInfo.InvariantCulture),
            Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            MaxBlobsPerPass = maxBlobsPerPass,
        };

        var result = new OrphanBlobSweeperOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }
}
