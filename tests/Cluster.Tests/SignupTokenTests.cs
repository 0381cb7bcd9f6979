using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>A signup token is single use across the cluster, whichever gateways the signups reach.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignupTokenTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_signup_token_used_at_once_on_two_token_required_gateways_is_claimed_exactly_once()
    {
        // The fixture's gateways have open signup (for the conformance suite); two more gateways require a token.
        var g3 = await cluster.StartGatewayAsync(3, "Signup__Mode=TokenRequired");
        try
        {
            var g4 = await cluster.StartGatewayAsync(4, "Signup__Mode=TokenRequired");
            try
            {
                for (var round = 0; round < 5; round++)
                {
                    var token = await cluster.GenerateSignupTokenAsync(cluster.GatewayA);
                    using var first = ClusterUser.Create(cluster);
                    using var second = ClusterUser.Create(cluster);

                    var results = await Task.WhenAll(first.SignUpAsync(g3, token), second.SignUpAsync(g4, token));

                    Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
                    var refused = Assert.Single(results, r => r.Status != HttpStatusCode.OK);
                    Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
                    Assert.Equal("Token already used", refused.Body);
                    // The refused signup created no user.
                    var loser = results[0].Status == HttpStatusCode.OK ? second : first;
                    var signin = await loser.SignInAsync(cluster.GatewayA);
                    Assert.Equal(HttpStatusCode.NotFound, signin.Status);
                }
            }
            finally
            {
                await cluster.StopGatewayAsync(4);
            }
        }
        finally
        {
            await cluster.StopGatewayAsync(3);
        }
    }
}
