using System.Net;
using PubkyCluster.Gateway.Tests.AdminApi;
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

    [Fact]
    public async Task An_admin_rate_write_override_slows_that_users_uploads()
    {
        var (put, waited) = await UploadAfterPatchAsync(new Dictionary<string, string?>(), "{\"rate_write\": \"1kb/s\"}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.InRange(waited.TotalSeconds, 2.9, 3.1);
    }

    [Fact]
    public async Task An_admin_unlimited_override_lifts_the_default_rate_for_that_user()
    {
        var (put, waited) = await UploadAfterPatchAsync(
            new Dictionary<string, string?> { ["Limits:DefaultRateWrite"] = "1kb/s" }, "{\"rate_write\": \"unlimited\"}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(TimeSpan.Zero, waited);
    }

    /// <summary>Patches a new user's quota with <paramref name="patch"/>, then uploads 4 KiB: the answer and the fake time it took.</summary>
    private static async Task<(HttpResponseMessage Put, TimeSpan Waited)> UploadAfterPatchAsync(IDictionary<string, string?> settings, string patch)
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync(settings);
        await using var _ = server;
        using var admin = new AdminClient(server);
        using var user = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Patch, $"/users/{user.Z32}/quota", patch)).StatusCode);

        return await clock.AdvanceUntilAsync(() => user.PutAsync("/pub/file.bin", FourKiB), ShortTimer);
    }

    [Fact]
    public async Task A_signup_token_rate_read_slows_the_downloads_of_the_user_it_signed_up()
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync("Signup:Mode", "TokenRequired");
        await using var _ = server;
        using var admin = new AdminClient(server);
        var token = await (await admin.SendAsync(HttpMethod.Post, "/generate_signup_token", "{\"rate_read\": \"1kb/s\"}")).Content.ReadAsStringAsync();
        using var user = TestUser.Create(server);
        Assert.Equal(HttpStatusCode.OK, (await user.SignUpAsync(signupToken: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/slow.bin", FourKiB)).StatusCode);

        var (get, waited) = await clock.AdvanceUntilAsync(() => user.GetAsync("/pub/slow.bin"), ShortTimer);

        Assert.Equal(FourKiB, await get.Content.ReadAsByteArrayAsync());
        Assert.InRange(waited.TotalSeconds, 2.9, 3.1);
    }

    [Fact]
    public async Task A_body_too_large_for_the_body_cache_is_slowed_as_it_streams_from_the_blob_store()
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync("Limits:DefaultRateRead", "64kb/s");
        await using var _ = server;
        using var user = await TestUser.Create(server).SignedUpAsync();
        var body = new byte[128 * 1024];
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/large.bin", body)).StatusCode);

        var (get, waited) = await clock.AdvanceUntilAsync(() => user.GetAsync("/pub/large.bin"), ShortTimer);

        Assert.Equal(body.Length, (await get.Content.ReadAsByteArrayAsync()).Length);
        Assert.InRange(waited.TotalSeconds, 0.9, 1.1);
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
