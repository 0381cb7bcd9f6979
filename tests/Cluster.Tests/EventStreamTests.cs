using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EventStreamTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_live_event_stream_on_gateway_B_receives_writes_made_through_gateway_A()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(a);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await using var stream = await SseStream.OpenAsync(
            cluster.Http, b.ClientUrl($"/events-stream?user={user.Z32}&live=true"), deadline.Token);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        using (var put = await user.PutAsync(a, "/pub/stream.example/live.txt", "hello"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var first = await stream.NextAsync(deadline.Token);
        Assert.NotNull(first);
        Assert.Equal("PUT", first.Event);
        Assert.Equal($"pubky://{user.Z32}/pub/stream.example/live.txt", first.Data[0]);
        Assert.Contains(first.Data, d => d.StartsWith("cursor: ", StringComparison.Ordinal));
        Assert.Contains(first.Data, d => d.StartsWith("content_hash: ", StringComparison.Ordinal));

        using (var delete = await user.DeleteAsync(a, "/pub/stream.example/live.txt"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        var second = await stream.NextAsync(deadline.Token);
        Assert.NotNull(second);
        Assert.Equal("DEL", second.Event);
        Assert.Equal($"pubky://{user.Z32}/pub/stream.example/live.txt", second.Data[0]);
    }
}
