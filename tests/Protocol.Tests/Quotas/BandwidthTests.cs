using Pubky.Protocol.Quotas;

namespace Pubky.Protocol.Tests.Quotas;

public sealed class BandwidthTests
{
    [Theory]
    [InlineData("1kb/s", 1024, 1)]
    [InlineData("10mb/s", 10L * 1024 * 1024, 1)]
    [InlineData("200mb/m", 200L * 1024 * 1024, 60)]
    [InlineData("2gb/m", 2L * 1024 * 1024 * 1024, 60)]
    [InlineData("4294967295kb/s", 4294967295L * 1024, 1)]
    public void A_reference_bandwidth_counts_units_in_KiB_per_second_or_minute(string text, long bytesPerPeriod, int periodSeconds)
    {
        var bandwidth = Bandwidth.Parse(text);

        Assert.Equal(bytesPerPeriod, bandwidth.BytesPerPeriod);
        Assert.Equal(TimeSpan.FromSeconds(periodSeconds), bandwidth.Period);
    }

    [Fact]
    public void Case_and_surrounding_spaces_are_ignored()
    {
        Assert.Equal(Bandwidth.Parse("10mb/s"), Bandwidth.Parse(" 10MB/S "));
    }

    [Fact]
    public void Bytes_per_second_spread_a_per_minute_rate_over_sixty_seconds()
    {
        Assert.Equal(1024.0, Bandwidth.Parse("60kb/m").BytesPerSecond);
    }

    [Theory]
    [InlineData("10mb/s")]
    [InlineData("200mb/m")]
    [InlineData("3gb/s")]
    public void The_canonical_text_reads_back_to_the_same_value(string text)
    {
        Assert.Equal(text, Bandwidth.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "no '/<time>'")]
    [InlineData("10mb", "no '/<time>'")]
    [InlineData("10mb/h", "the time must be s or m")]
    [InlineData("10/s", "the unit must be kb, mb or gb")]
    [InlineData("10tb/s", "the unit must be kb, mb or gb")]
    [InlineData("10r/s", "r counts requests, not bytes")]
    [InlineData("0kb/s", "the rate must be a whole number from 1 to 4294967295")]
    [InlineData("-1kb/s", "the unit must be kb, mb or gb")]
    [InlineData("4294967296kb/s", "the rate must be a whole number from 1 to 4294967295")]
    [InlineData("1.5mb/s", "the unit must be kb, mb or gb")]
    [InlineData("unlimited", "no '/<time>'")]
    public void A_bad_value_is_refused_with_what_is_wrong(string text, string reason)
    {
        Assert.False(Bandwidth.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a bandwidth: {reason} (expected <rate><kb|mb|gb>/<s|m>, e.g. 10mb/s)", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_a_bad_value()
    {
        Assert.Throws<FormatException>(() => Bandwidth.Parse("fast"));
    }
}
