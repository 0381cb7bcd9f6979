using System.Diagnostics;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// A rolling restart (issue 10, item 7): every silo, then every gateway, is sent SIGTERM, exits gracefully and is
/// started again on its ports, one at a time, while users write through the gateways that are not being stopped. The
/// scenario runs once; each test asserts one property of its outcome.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const int Users = 4;
    private const int MaxWritesPerUser = 1000;

    /// <summary>Acknowledged writes to wait for before and after each restart, so each step happens under load.</summary>
    private const int WritesPerStep = 12;

    private static readonly TimeSpan PauseBetweenWrites = TimeSpan.FromMilliseconds(250);

    public sealed record Outcome(WriteLoad Load, bool LoadedThroughout, List<string> Readable, List<string> Usage, List<FeedEvent> Feed, string Report);

    private Task<Outcome> RunAsync() => cluster.OnceAsync("rolling-restart", async () =>
    {
        var load = new WriteLoad(cluster, [cluster.GatewayA, cluster.GatewayB], "/pub/rolling.example/", seed: 5);
        await load.SignUpUsersAsync(Users);
        var feedBefore = await EventFeed.LastIdAsync(cluster.Http, cluster.GatewayA);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var stop = new CancellationTokenSource();
        var writing = load.RunAsync(MaxWritesPerUser, budget.Token, stop.Token, PauseBetweenWrites);

        async Task ProgressAsync()
        {
            var target = load.Acknowledged + WritesPerStep;
            var waited = Stopwatch.StartNew();
            while (load.Acknowledged < target && !writing.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
            }
        }

        await ProgressAsync();
        for (var silo = 1; silo <= cluster.Env.Port("CLUSTER_SILO_COUNT"); silo++)
        {
            load.Log($"restarting silo {silo} after {load.Acknowledged} acknowledged writes");
            await cluster.RestartSiloAsync(silo);
            load.Log($"silo {silo} is back");
            await ProgressAsync();
        }
        for (var gateway = 1; gateway <= cluster.Env.Port("CLUSTER_GATEWAY_COUNT"); gateway++)
        {
            load.Avoid(gateway);
            load.Log($"restarting gateway {gateway} after {load.Acknowledged} acknowledged writes");
            await cluster.RestartGatewayAsync(gateway);
            load.Log($"gateway {gateway} is back");
            load.Avoid(0);
            await ProgressAsync();
        }
        var loadedThroughout = !writing.IsCompleted;
        stop.Cancel();
        await writing;
        load.Log($"writes done: {load.Acknowledged} acknowledged, {load.FailedAttempts.Count} failed attempts");
        var readable = await load.CheckReadableAsync();
        var usage = await load.CheckListingAndUsageAsync();
        var feed = await EventFeed.ReadAfterAsync(cluster.Http, cluster.GatewayB, feedBefore);
        return new Outcome(load, loadedThroughout, readable, usage, feed, load.LogText);
    });

    private async Task<Outcome> OutcomeAsync()
    {
        var outcome = await RunAsync();
        output.WriteLine(outcome.Report);
        return outcome;
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_and_gateway_answers_no_write_with_a_5xx_or_no_answer()
    {
        var outcome = await OutcomeAsync();
        Assert.True(outcome.LoadedThroughout, "the write load ended before the last restart, so some restarts ran without load");
        Assert.True(outcome.Load.FailedAttempts.Count == 0, FailedAttemptsReport(outcome.Load.FailedAttempts));
        Assert.Empty(outcome.Load.Problems);
    }

    /// <summary>The gateways' own account of each 503 first (which grain-call failure it was), then the attempts.</summary>
    private string FailedAttemptsReport(IReadOnlyCollection<string> attempts)
    {
        var causes = Enumerable.Range(1, cluster.Env.Port("CLUSTER_GATEWAY_COUNT"))
            .SelectMany(gateway => cluster.LogLinesContaining($"gateway-{gateway}", "answered 503 after"))
            .ToList();
        return $"{attempts.Count} failed attempts; the gateways logged: {string.Join(" | ", causes)}\n{string.Join('\n', attempts)}";
    }

    [Fact]
    public async Task Every_write_acknowledged_during_a_rolling_restart_is_readable_with_its_exact_bytes()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Readable);
    }

    [Fact]
    public async Task After_a_rolling_restart_each_users_used_bytes_equal_the_sum_of_length_plus_256_over_the_listed_files()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Usage);
    }

    [Fact]
    public async Task After_a_rolling_restart_the_event_feed_has_one_event_per_acknowledged_write()
    {
        var outcome = await OutcomeAsync();
        Assert.Empty(outcome.Load.CheckEvents(outcome.Feed));
    }
}
