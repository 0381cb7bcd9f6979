using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>An AuthToken is accepted at most once in the whole cluster (Invariant 5).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthTokenReplayTests(LocalCluster cluster)
{
    [Fact]
    public async Task An_auth_token_used_for_signin_on_gateway_a_is_refused_on_gateway_b()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        var token = user.Token();

        var first = await user.SignInAsync(cluster.GatewayA, token);
        var replay = await user.SignInAsync(cluster.GatewayB, token);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("AuthToken already used", replay.Body);
    }

    [Fact]
    public async Task The_same_auth_token_sent_to_both_gateways_at_once_signs_in_exactly_once()
    {
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        for (var round = 0; round < 5; round++)
        {
            var token = user.Token();
            var results = await Task.WhenAll(user.SignInAsync(cluster.GatewayA, token), user.SignInAsync(cluster.GatewayB, token));

            Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
            var refused = Assert.Single(results, r => r.Status != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("AuthToken already used", refused.Body);
        }
    }
}
