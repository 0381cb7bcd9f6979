using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>Gateways are stateless: what one accepts, every other one serves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossGatewayTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_write_through_gateway_A_is_read_listed_and_in_the_event_feed_through_gateway_B()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(a);
        var before = await EventFeed.LastIdAsync(cluster.Http, b);
        var body = new byte[20_000];
        Random.Shared.NextBytes(body);

        using (var put = await user.PutAsync(a, "/pub/cross.example/a.bin", body))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var get = await user.GetAsync(b, "/pub/cross.example/a.bin"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(["/pub/cross.example/a.bin"], await user.ListAllAsync(b, "/pub/cross.example/"));
        var events = await EventFeed.ReadEachAsync(cluster.Http, b, before);
        Assert.Contains(events, e => e.Kind == "PUT" && e.Uri == $"pubky://{user.Z32}/pub/cross.example/a.bin");
    }

    [Fact]
    public async Task An_overwrite_and_a_delete_through_gateway_B_are_seen_through_gateway_A()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(a);
        using (var put = await user.PutAsync(a, "/pub/cross.example/b.txt", "first"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var overwrite = await user.PutAsync(b, "/pub/cross.example/b.txt", "second, longer"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.Created, overwrite.StatusCode);
        }
        using (var get = await user.GetAsync(a, "/pub/cross.example/b.txt"))
        {
            Assert.Equal("second, longer", await get.Content.ReadAsStringAsync());
        }
        using (var delete = await user.DeleteAsync(b, "/pub/cross.example/b.txt"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        using (var gone = await user.GetAsync(a, "/pub/cross.example/b.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }
}
