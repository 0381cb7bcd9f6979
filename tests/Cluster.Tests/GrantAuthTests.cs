using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>Grants, bearers and the PoP nonce window belong to the user's grain, so every gateway decides alike (Invariant 5).</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrantAuthTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_grant_signup_and_signin_on_gateway_A_give_a_bearer_that_writes_on_gateway_B()
    {
        using var user = ClusterUser.Create(cluster);
        using var app = new ClusterGrantApp(cluster.Http, user);

        var signup = await app.SignUpAsync(cluster.GatewayA);
        var signin = await app.ExchangeAsync(cluster.GatewayA);
        using var write = await app.SendAsync(cluster.GatewayB, HttpMethod.Put, "/pub/grant.example/b.txt", new ByteArrayContent("b"u8.ToArray()));
        using var read = await user.GetAsync(cluster.GatewayA, "/pub/grant.example/b.txt");

        Assert.Equal(HttpStatusCode.NoContent, signup.Status);
        Assert.Equal(HttpStatusCode.OK, signin.Status);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.Equal("b", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_pop_nonce_used_on_gateway_A_is_refused_on_gateway_B()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        using var app = new ClusterGrantApp(cluster.Http, user);
        var pop = app.Pop();

        var first = await app.ExchangeAsync(cluster.GatewayA, pop);
        var replay = await app.ExchangeAsync(cluster.GatewayB, pop);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.Status);
        Assert.Equal("PoP nonce already used", replay.Body);
    }

    [Fact]
    public async Task Exchanging_again_on_gateway_B_makes_the_old_bearer_401_on_gateway_A()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        using var app = new ClusterGrantApp(cluster.Http, user);
        await app.ExchangeAsync(cluster.GatewayA);
        var old = app.Bearer;

        var refresh = await app.ExchangeAsync(cluster.GatewayB);
        using var fresh = await app.SendAsync(cluster.GatewayA, HttpMethod.Put, "/pub/grant.example/a.txt", new ByteArrayContent("a"u8.ToArray()));
        app.Bearer = old;
        using var stale = await app.SendAsync(cluster.GatewayA, HttpMethod.Put, "/pub/grant.example/a.txt", new ByteArrayContent("a"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, refresh.Status);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("No session found for session secret", await stale.Content.ReadAsStringAsync());
    }
}
