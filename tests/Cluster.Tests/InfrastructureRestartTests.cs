using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// Redis (membership) and Azurite (all data) restarted while users write: the cluster serves again and every write it
/// acknowledged, before or during the restart, is still there (Invariant 1).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InfrastructureRestartTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const int Users = 4;
    private const int WritesPerUser = 25;

    private async Task RestartMidRunAsync(string name, Func<Task> restart, int seed)
    {
        var load = new WriteLoad(cluster, [cluster.GatewayA, cluster.GatewayB], $"/pub/{name}.example/", seed);
        await load.SignUpUsersAsync(Users);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var writing = load.RunAsync(WritesPerUser, budget.Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (load.Acknowledged < Users * WritesPerUser / 3 && !writing.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }
        load.Log($"restarting {name} after {load.Acknowledged} acknowledged writes");
        await restart();
        load.Log($"{name} is back");

        // The cluster serves again: a fresh user can sign up and write through each gateway (bounded retries).
        using var probe = ClusterUser.Create(cluster);
        var (signedUp, attempts, failure) = await Eventually.TryAsync(async () =>
        {
            var (status, body) = await probe.SignUpAsync(cluster.GatewayA);
            return (status == HttpStatusCode.OK, $"{(int)status} {body}");
        }, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        Assert.True(signedUp, $"no signup within 90 s after the {name} restart ({attempts} attempts): {failure}\n{load.LogText}");
        foreach (var gateway in new[] { cluster.GatewayA, cluster.GatewayB })
        {
            var (written, _, writeFailure) = await Eventually.TryAsync(async () =>
            {
                using var put = await probe.PutAsync(gateway, $"/pub/{name}.example/probe.txt", "probe"u8.ToArray());
                return (put.StatusCode == HttpStatusCode.Created, $"{(int)put.StatusCode}");
            }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
            Assert.True(written, $"no write through {gateway} within 60 s after the {name} restart: {writeFailure}");
        }

        await writing;
        load.Log($"writes done: {load.Acknowledged} acknowledged, {load.Retries} retries");
        output.WriteLine(load.LogText);

        Assert.Empty(load.Problems);
        Assert.Equal(Users * WritesPerUser, load.Acknowledged);
        Assert.Empty(await load.CheckReadableAsync());
        Assert.Empty(await load.CheckListingAndUsageAsync());
        var feed = await EventFeed.ReadWholeLogAsync(cluster.Http, cluster.GatewayB);
        Assert.Empty(load.CheckEvents(feed));
        Assert.Empty(WriteLoad.CheckFeedIds(feed));
    }

    [Fact]
    public Task After_a_Redis_restart_mid_run_the_cluster_serves_again_and_has_lost_no_acknowledged_write() =>
        RestartMidRunAsync("redis", cluster.RestartRedisAsync, seed: 2);

    [Fact]
    public Task After_an_Azurite_restart_mid_run_the_cluster_serves_again_and_has_lost_no_acknowledged_write() =>
        RestartMidRunAsync("azurite", cluster.RestartAzuriteAsync, seed: 3);
}
