using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// The failover window with the cluster's membership settings (issue 10, item 8): after kill -9 of a silo, how long
/// until its users' writes succeed again. The window is written to the test output and to
/// .artifacts/cluster/failover-window-loopback.txt; the test asserts only that every user recovers within a generous bound.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverWindowTests(LocalCluster cluster, ITestOutputHelper output)
{
    private const int Users = 16;

    [Fact]
    public async Task After_kill_9_of_a_silo_the_writes_of_every_user_succeed_again()
    {
        var result = await FailoverWindow.MeasureAsync(cluster, silo: 2, Users, "loopback");
        output.WriteLine(result.Report);

        Assert.Empty(result.Problems);
        Assert.Empty(result.Unrecovered);
    }
}
