using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Throttling;

/// <summary>Bandwidth quotas slow uploads and downloads by fake time, and never fail them.</summary>
public sealed class BandwidthThrottlingTests
{
    private static readonly byte[] FourKiB = new byte[4096];
    private static readonly TimeSpan ShortTimer = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_4_KiB_upload_at_1_KiB_per_second_is_slowed_by_3_seconds_and_succeeds()
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync("Limits:DefaultRateWrite", "1kb/s");
        await using var _ = server;
        using var user = await TestUser.Create(server).SignedUpAsync();

        var (put, waited) = await clock.AdvanceUntilAsync(() => user.PutAsync("/pub/slow.bin", FourKiB), ShortTimer);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.InRange(waited.TotalSeconds, 2.9, 3.1);
        var metrics = await MetricsScrape.UntilAsync(server, "direction=\"write\"");
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("bandwidth_throttled_requests_total{") && line.Contains("direction=\"write\""));
    }

    [Fact]
    public async Task The_owner_reading_with_a_session_is_slowed_by_the_read_rate()
    {
        var (body, waited) = await TimedReadAsync("Limits:DefaultRateRead", byOwner: true);

        Assert.Equal(FourKiB, body);
        Assert.InRange(waited.TotalSeconds, 2.9, 3.1);
    }

    [Fact]
    public async Task A_reader_without_the_owners_session_is_slowed_by_the_address_rate()
    {
        var (body, waited) = await TimedReadAsync("Limits:UnauthenticatedIpRateRead", byOwner: false);

        Assert.Equal(FourKiB, body);
        Assert.InRange(waited.TotalSeconds, 2.9, 3.1);
    }

    [Fact]
    public async Task The_owner_is_not_slowed_by_the_address_rate()
    {
        var (body, waited) = await TimedReadAsync("Limits:UnauthenticatedIpRateRead", byOwner: true);

        Assert.Equal(FourKiB, body);
        Assert.Equal(TimeSpan.Zero, waited);
    }

    /// <summary>Reads a 4 KiB file with <paramref name="key"/> at 1 KiB/s, as its owner or as someone else: the body and the fake time it took.</summary>
    private static async Task<(byte[] Body, TimeSpan Waited)> TimedReadAsync(string key, bool byOwner)
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync(key, "1kb/s");
        await using var _ = server;
        using var owner = await TestUser.Create(server).SignedUpAsync();
        using var stranger = TestUser.Create(server);
        Assert.Equal(HttpStatusCode.Created, (await owner.PutAsync("/pub/file.bin", FourKiB)).StatusCode);

        var (get, waited) = await clock.AdvanceUntilAsync(
            () => (byOwner ? owner : stranger).SendAsync(HttpMethod.Get, "/pub/file.bin", tenant: owner.Z32), ShortTimer);

        return (await get.Content.ReadAsByteArrayAsync(), waited);
    }
}
