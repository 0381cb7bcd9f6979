using Microsoft.Extensions.Time.Testing;
using Pubky.Protocol.Quotas;
using PubkyCluster.Gateway.Tests.Bounds;
using PubkyCluster.Gateway.Throttling;

namespace PubkyCluster.Gateway.Tests.Throttling;

public sealed class RequestThrottleTests
{
    private readonly FakeTimeProvider _clock = new();

    private RequestThrottle Throttle(string rate) =>
        new BandwidthBuckets(_clock, TestMetrics.Create()).For("user:a", ThrottleDirection.Write, Bandwidth.Parse(rate))!;

    [Fact]
    public async Task A_4_KiB_body_at_1_KiB_per_second_passes_after_3_seconds_of_fake_time()
    {
        var passing = Throttle("1kb/s").PassAsync(4096, CancellationToken.None).AsTask();

        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(passing.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));

        await passing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Bytes_within_the_bucket_pass_at_once()
    {
        Assert.True(Throttle("1kb/s").PassAsync(1024, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void An_unlimited_rate_needs_no_throttle()
    {
        Assert.Null(new BandwidthBuckets(_clock, TestMetrics.Create()).For("user:a", ThrottleDirection.Read, null));
    }

    [Fact]
    public async Task Requests_of_one_key_share_its_bucket()
    {
        var buckets = new BandwidthBuckets(_clock, TestMetrics.Create());
        await buckets.For("user:a", ThrottleDirection.Read, Bandwidth.Parse("1kb/s"))!.PassAsync(1024, CancellationToken.None);

        var second = buckets.For("user:a", ThrottleDirection.Read, Bandwidth.Parse("1kb/s"))!.PassAsync(1024, CancellationToken.None);

        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await second.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Another_key_has_a_bucket_of_its_own()
    {
        var buckets = new BandwidthBuckets(_clock, TestMetrics.Create());
        _ = buckets.For("user:a", ThrottleDirection.Read, Bandwidth.Parse("1kb/s"))!.PassAsync(1024, CancellationToken.None);

        Assert.True(buckets.For("user:b", ThrottleDirection.Read, Bandwidth.Parse("1kb/s"))!.PassAsync(1024, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void A_changed_rate_starts_a_fresh_bucket()
    {
        var buckets = new BandwidthBuckets(_clock, TestMetrics.Create());
        _ = buckets.For("user:a", ThrottleDirection.Write, Bandwidth.Parse("1kb/s"))!.PassAsync(1024, CancellationToken.None);

        Assert.True(buckets.For("user:a", ThrottleDirection.Write, Bandwidth.Parse("2kb/s"))!.PassAsync(2048, CancellationToken.None).IsCompletedSuccessfully);
    }
}
