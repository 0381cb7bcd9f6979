using Microsoft.Extensions.Time.Testing;
using Pubky.Protocol.Quotas;
using PubkyCluster.Gateway.Throttling;

namespace PubkyCluster.Gateway.Tests.Throttling;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    private TokenBucket Bucket(string rate) => new(Bandwidth.Parse(rate), _clock);

    [Fact]
    public void A_full_bucket_passes_one_period_of_bytes_without_waiting()
    {
        Assert.Equal(TimeSpan.Zero, Bucket("1kb/s").Take(1024));
    }

    [Fact]
    public void A_1_KiB_per_second_limit_makes_a_4_KiB_body_wait_3_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Bucket("1kb/s").Take(4096));
    }

    [Fact]
    public void Bytes_taken_one_after_another_add_up_their_wait()
    {
        var bucket = Bucket("1kb/s");
        bucket.Take(1024);

        Assert.Equal(TimeSpan.FromSeconds(2), bucket.Take(2048));
    }

    [Fact]
    public void The_bucket_refills_at_its_rate()
    {
        var bucket = Bucket("1kb/s");
        bucket.Take(1024);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, bucket.Take(1024));
    }

    [Fact]
    public void An_idle_bucket_fills_no_further_than_one_period()
    {
        var bucket = Bucket("1kb/s");
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Take(2048));
    }

    [Fact]
    public void A_per_minute_rate_spreads_its_bytes_over_the_minute()
    {
        var bucket = Bucket("60kb/m");
        bucket.Take(60 * 1024);

        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Take(1024));
    }

    [Fact]
    public void A_bucket_in_debt_is_not_full_until_it_has_refilled()
    {
        var bucket = Bucket("1kb/s");
        bucket.Take(2048);
        Assert.False(bucket.IsFull);

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(bucket.IsFull);
    }
}
