using System.Net;
using System.Net.Sockets;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// The cluster with every process in its own network namespace (issue 10, item 9): silos and gateways find each other
/// by their advertised pod addresses, and the tests reach the gateways at theirs from the root namespace.
/// </summary>
[Collection(NamespacedClusterCollection.Name)]
public sealed class NamespacedClusterTests(NamespacedCluster cluster, ITestOutputHelper output)
{
    private const int Users = 8;

    [NamespacedFact]
    public void Every_silo_and_gateway_has_a_pod_address_of_its_own_and_none_is_loopback()
    {
        var names = new[] { "CLUSTER_SILO_1_ADDRESS", "CLUSTER_SILO_2_ADDRESS", "CLUSTER_GATEWAY_1_ADDRESS", "CLUSTER_GATEWAY_2_ADDRESS" };
        var addresses = names.Select(name => IPAddress.Parse(cluster.Env[name])).ToList();

        Assert.All(addresses, address => Assert.True(
            address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address) && address.GetAddressBytes()[0] == 10,
            $"{address} is not a 10.x.y.z pod address"));
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.Equal(cluster.Env["CLUSTER_GATEWAY_1_ADDRESS"], cluster.GatewayA.Client.Host);
    }

    [NamespacedFact]
    public async Task In_namespaces_a_write_through_gateway_1_is_read_with_its_exact_bytes_through_gateway_2()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        var body = "between pods"u8.ToArray();

        using (var put = await user.PutAsync(cluster.GatewayA, "/pub/pods.example/a.txt", body))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        using var get = await user.GetAsync(cluster.GatewayB, "/pub/pods.example/a.txt");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
    }

    [NamespacedFact]
    public async Task In_namespaces_after_kill_9_of_a_silo_the_writes_of_every_user_succeed_again()
    {
        var result = await FailoverWindow.MeasureAsync(cluster, silo: 1, Users, "netns");
        output.WriteLine(result.Report);

        Assert.Empty(result.Problems);
        Assert.Empty(result.Unrecovered);
    }
}
