using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Sweeping;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>
/// The orphan sweeper in the composed single-process host, on a fake clock: it runs, it removes what a killed upload
/// left and keeps committed bodies, and a commit held back past Limits:MaxCommitDelay is refused before it could name a
/// body the sweeper may take. Blob files carry the machine's time, so the fake clock starts at the machine's now and
/// moves by half an hour or more: the seconds a test takes never decide an outcome.
/// </summary>
public sealed class OrphanSweepTests
{
    /// <summary>The longest a test waits for the sweeper's pass on its own thread.</summary>
    private static readonly TimeSpan PassBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_single_process_host_runs_the_orphan_sweeper_as_a_hosted_service()
    {
        await using var server = await TestHomeserver.StartAsync();

        Assert.Contains(server.Services.GetServices<IHostedService>(), service => service is OrphanBlobSweeperService);
    }

    [Fact]
    public async Task A_pass_on_the_hosts_timer_removes_the_blob_of_an_upload_killed_before_its_commit_and_keeps_committed_bodies()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestHomeserver.StartAsync(services: services => TestHomeserver.UseClock(services, clock));
        using var user = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/kept.txt", "kept")).StatusCode);
        var blobs = server.Services.GetRequiredService<IBlobStore>();
        var orphan = BlobIds.New(user.Z32);
        await using (var upload = await blobs.BeginUploadAsync(orphan))
        {
            await upload.WriteAsync(new byte[] { 1, 2, 3 });
            await upload.CompleteAsync();
        }
        var sweep = server.Services.GetRequiredService<IOptions<OrphanBlobSweeperOptions>>().Value;

        // The host's timer ticks every interval; its last tick here is a grace period past everything written above.
        clock.Advance(sweep.Interval + sweep.GracePeriod);
        var swept = await EventuallyAsync(async () => !await ExistsAsync(blobs, orphan));

        Assert.True(swept, $"The orphan was still there {PassBound} after the timer's tick.");
        var kept = await user.GetAsync("/pub/kept.txt");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("kept", await kept.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_commit_held_back_past_the_commit_delay_is_a_503_that_leaves_no_entry_nor_blob_and_the_retry_succeeds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var holdBack = new CommitHoldBack(clock, new LimitsOptions().MaxCommitDelay + TimeSpan.FromSeconds(1));
        await using var server = await TestHomeserver.StartAsync(services: services =>
        {
            TestHomeserver.UseClock(services, clock);
            services.AddSingleton<IIncomingGrainCallFilter>(holdBack);
        });
        using var user = await TestUser.Create(server).SignedUpAsync();
        var blobs = server.Services.GetRequiredService<IBlobStore>();

        var late = await user.PutTextAsync("/pub/late.txt", "late");
        var afterRefusal = await user.GetAsync("/pub/late.txt");
        var retry = await user.PutTextAsync("/pub/late.txt", "late");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
        Assert.Equal("Upload took too long to commit, please retry", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, afterRefusal.StatusCode);
        Assert.False(await ExistsAsync(blobs, Assert.Single(holdBack.HeldBack)));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("late", await (await user.GetAsync("/pub/late.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_grace_period_shorter_than_twice_the_commit_delay_stops_the_host_with_a_message_naming_both_keys()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pubky-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHomeserver.StartAsync(
                new Dictionary<string, string?> { ["Storage:OrphanSweep:GracePeriod"] = "00:59:00", ["Limits:MaxCommitDelay"] = "00:30:00" },
                dataDirectory));

            Assert.Contains("Limits:MaxCommitDelay", failure.Message);
            Assert.Contains("Storage:OrphanSweep:GracePeriod", failure.Message);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_shorter_grace_period_starts_when_the_commit_delay_is_at_most_half_of_it()
    {
        await using var server = await TestHomeserver.StartAsync(
            new Dictionary<string, string?> { ["Storage:OrphanSweep:GracePeriod"] = "00:20:00", ["Limits:MaxCommitDelay"] = "00:10:00" });

        Assert.Equal(TimeSpan.FromMinutes(10), server.Services.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxCommitDelay);
        Assert.Equal(TimeSpan.FromMinutes(20), server.Services.GetRequiredService<IOptions<OrphanBlobSweeperOptions>>().Value.GracePeriod);
    }

    private static async Task<bool> ExistsAsync(IBlobStore blobs, string blobId)
    {
        await using var stream = await blobs.OpenReadAsync(blobId);
        return stream is not null;
    }

    /// <summary>True once <paramref name="condition"/> holds, false if it still does not after <see cref="PassBound"/>.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        using var bound = new CancellationTokenSource(PassBound);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token);
            }
            catch (OperationCanceledException)
            {
                return await condition();
            }
        }
        return true;
    }
}
