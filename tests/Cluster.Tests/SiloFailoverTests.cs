using System.Diagnostics;
using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// kill -9 of a silo while ten users write through both gateways (Invariants 1, 3 and 4). The scenario runs once; each
/// test asserts one property of its outcome.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const int Users = 10;
    private const int WritesPerUser = 30;

    public sealed record Outcome(WriteLoad Load, List<FeedEvent> Feed, List<string> Readable, List<string> Usage, TimeSpan Duration, string Report);

    private Task<Outcome> RunAsync() => cluster.OnceAsync("silo-failover", async () =>
    {
        var stopwatch = Stopwatch.StartNew();
        var load = new WriteLoad(cluster, [cluster.GatewayA, cluster.GatewayB], "/pub/failover.example/", seed: 1);
        await load.SignUpUsersAsync(Users);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var writing = load.RunAsync(WritesPerUser, budget.Token);

        // Kill silo 1 once about a third of the writes were acknowledged (bounded wait).
        var wait = Stopwatch.StartNew();
        while (load.Acknowledged < Users * WritesPerUser / 3 && !writing.IsCompleted && wait.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100);
        }
        load.Log($"kill -9 of silo 1 after {load.Acknowledged} acknowledged writes");
        await cluster.KillSiloAsync(1);
        await writing;
        load.Log($"writes done: {load.Acknowledged} acknowledged, {load.Retries} retries");

        await cluster.StartSiloAsync(1);
        load.Log("silo 1 started again");
        var readable = await load.CheckReadableAsync();
        var usage = await load.CheckListingAndUsageAsync();
        var feed = await EventFeed.ReadWholeLogAsync(cluster.Http, cluster.GatewayA);
        load.Log($"feed: {feed.Count} events");
        return new Outcome(load, feed, readable, usage, stopwatch.Elapsed, load.LogText);
    });

    private async Task<Outcome> OutcomeAsync()
    {
        var outcome = await RunAsync();
        output.WriteLine($"scenario took {outcome.Duration.TotalSeconds:F0} s");
        output.WriteLine(outcome.Report);
        return outcome;
    }

    [Fact]
    public async Task Every_write_acknowledged_during_a_silo_kill_is_readable_with_its_exact_bytes()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Load.Problems);
        Assert.Equal(Users * WritesPerUser, outcome.Load.Acknowledged);
        Assert.Empty(outcome.Readable);
    }

    [Fact]
    public async Task After_a_silo_kill_each_users_used_bytes_equal_the_sum_of_length_plus_256_over_the_listed_files()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Usage);
    }

    [Fact]
    public async Task After_a_silo_kill_the_event_feed_has_ids_1_to_N_without_gap_or_duplicate()
    {
        var outcome = await OutcomeAsync();
        Assert.NotEmpty(outcome.Feed);
        Assert.Empty(WriteLoad.CheckFeedIds(outcome.Feed));
    }

    [Fact]
    public async Task After_a_silo_kill_the_event_feed_has_one_event_per_acknowledged_write()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Load.CheckEvents(outcome.Feed));
    }

    [Fact]
    public async Task A_killed_silo_that_is_started_again_rejoins_and_the_cluster_serves_through_both_gateways()
    {
        await OutcomeAsync();
        Assert.False(string.IsNullOrEmpty(cluster.Env.Find("CLUSTER_SILO_1_PID")), "silo 1 is not running");
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayB);
        foreach (var gateway in new[] { cluster.GatewayA, cluster.GatewayB })
        {
            using var put = await user.PutAsync(gateway, $"/pub/failover.example/after-{gateway.Index}.txt", "after"u8.ToArray());
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
    }
}
