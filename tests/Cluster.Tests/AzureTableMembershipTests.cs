using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// The second membership choice: a silo and a gateway whose membership table is in Azure Storage (Azurite here) find
/// each other without Redis and serve the client API. They form a cluster of their own (another ClusterId) beside the
/// fixture's Redis cluster, on the same storage.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AzureTableMembershipTests(LocalCluster cluster)
{
    private const int Index = 5;

    [Fact]
    public async Task A_silo_and_a_gateway_with_azure_table_membership_form_a_cluster_that_serves_without_redis()
    {
        string[] membership =
        [
            "Cluster__Membership=AzureTable",
            $"Cluster__AzureTableConnectionString={cluster.Env["CLUSTER_AZURE_CONNECTION_STRING"]}",
            "Cluster__RedisConnectionString=",
            "Cluster__ClusterId=pubky-azure-table",
        ];
        await cluster.StartSiloAsync(Index, membership);
        try
        {
            // The gateway's readiness check already made a grain call through the Azure Table membership.
            var gateway = await cluster.StartGatewayAsync(Index, membership);
            try
            {
                using var user = await ClusterUser.Create(cluster).SignedUpAsync(gateway);
                var body = "found through Azure Table membership"u8.ToArray();

                using (var put = await user.PutAsync(gateway, "/pub/membership.example/a.txt", body))
                {
                    Assert.Equal(HttpStatusCode.Created, put.StatusCode);
                }
                using var get = await user.GetAsync(gateway, "/pub/membership.example/a.txt");
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
            }
            finally
            {
                await cluster.StopGatewayAsync(Index);
            }
        }
        finally
        {
            await cluster.KillSiloAsync(Index);
        }
    }
}
