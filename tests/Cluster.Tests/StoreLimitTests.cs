using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The Azure profile holds shorter paths than the protocol allows; such a write is the client's 400, never a 500.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreLimitTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_path_too_long_for_the_table_store_is_a_400_and_nothing_is_stored()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        // Legal for the protocol (segments of 200 bytes, 618 in all), too long for a Table key.
        var path = "/pub/long.example/" + string.Join('/', Enumerable.Repeat(new string('a', 200), 3));
        using (var put = await user.PutAsync(cluster.GatewayA, path, "x"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.Equal("Invalid URL: the path is too long for this homeserver's storage", await put.Content.ReadAsStringAsync());
        }
        using var get = await user.GetAsync(cluster.GatewayB, path);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
