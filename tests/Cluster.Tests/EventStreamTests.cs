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

    /// <summary>A user with one private file, so a private stream's history shows that the stream is open.</summary>
    private async Task<ClusterUser> SignedUpWithPrivateFile(GatewayEndpoints gateway)
    {
        var user = await ClusterUser.Create(cluster).SignedUpAsync(gateway);
        using var put = await user.PutAsync(gateway, "/priv/stream.example/p.txt", "p"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return user;
    }

    [Fact]
    public async Task A_private_stream_open_on_gateway_B_ends_when_its_cookie_session_signs_out_on_gateway_A()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await SignedUpWithPrivateFile(a);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new HttpRequestMessage(HttpMethod.Get, b.ClientUrl($"/events-stream?user={user.Z32}&path=/priv/&live=true"));
        request.Headers.Add("Cookie", $"{user.Z32}={user.SessionSecret}");
        await using var stream = await SseStream.OpenAsync(cluster.Http, request, deadline.Token);
        Assert.NotNull(await stream.NextAsync(deadline.Token));

        using (var signout = await user.SendAsync(a, HttpMethod.Delete, "/session", null))
        {
            Assert.Equal(HttpStatusCode.OK, signout.StatusCode);
        }

        Assert.True(await stream.EndsAsync(deadline.Token), "the private stream on gateway B was still open after signout on gateway A");
    }

    [Fact]
    public async Task A_bearer_stream_open_on_gateway_B_ends_when_the_root_session_revokes_its_grant_on_gateway_A()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await SignedUpWithPrivateFile(a);
        using var reader = new ClusterGrantApp(cluster.Http, user, "/priv/:r");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await reader.ExchangeAsync(b)).Status);
        await using var stream = await reader.OpenStreamAsync(b, $"user={user.Z32}&path=/priv/&live=true", deadline.Token);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.NotNull(await stream.NextAsync(deadline.Token));

        using (var revoke = await user.SendAsync(a, HttpMethod.Delete, $"/auth/grant/session/{reader.Grant.GrantId}", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        Assert.True(await stream.EndsAsync(deadline.Token), "the bearer's stream on gateway B was still open after its grant was revoked on gateway A");
    }
}
