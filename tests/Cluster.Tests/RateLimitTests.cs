using System.Net;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// Rate limits hold for the cluster as a whole. Two more gateways share the rules <c>GET /cluster-limited</c> 10 r/m
/// and <c>GET /proxied</c> 1 r/m per address; gateway 6 trusts its loopback peer as a proxy, gateway 7 trusts no one.
/// A refused request gets 429 "Rate limit exceeded".
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RateLimitTests(LocalCluster cluster)
{
    private static readonly string[] Rules =
    [
        "RateLimits__Rules__0__Method=GET", "RateLimits__Rules__0__Path=/cluster-limited", "RateLimits__Rules__0__Quota=10r/m",
        "RateLimits__Rules__1__Method=GET", "RateLimits__Rules__1__Path=/proxied", "RateLimits__Rules__1__Quota=1r/m",
    ];

    [Fact]
    public async Task A_ten_a_minute_rule_spread_over_two_gateways_admits_exactly_ten()
    {
        var (trusting, untrusting) = await GatewaysAsync();

        // All at once, well inside the 6 s in which the bucket earns its next request.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => StatusAsync(i % 2 == 0 ? trusting : untrusting, "/cluster-limited")));

        Assert.Equal(10, statuses.Count(status => status != HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_trusted_proxys_forwarded_address_is_limited_by_that_address()
    {
        var (trusting, _) = await GatewaysAsync();

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await StatusAsync(trusting, "/proxied", "203.0.113.50"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(trusting, "/proxied", "203.0.113.50"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await StatusAsync(trusting, "/proxied", "203.0.113.51"));
    }

    [Fact]
    public async Task An_untrusted_peers_forwarded_address_is_ignored()
    {
        var (_, untrusting) = await GatewaysAsync();

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await StatusAsync(untrusting, "/proxied", "203.0.113.60"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(untrusting, "/proxied", "203.0.113.61"));
    }

    /// <summary>Started once for the run; the cluster's stop ends them with the rest.</summary>
    private async Task<(GatewayEndpoints Trusting, GatewayEndpoints Untrusting)> GatewaysAsync()
    {
        var started = await cluster.OnceAsync("rate-limited gateways", async () => Tuple.Create(
            await cluster.StartGatewayAsync(6, [.. Rules, "ForwardedHeaders__KnownProxies__0=127.0.0.1"]),
            await cluster.StartGatewayAsync(7, Rules)));
        return (started.Item1, started.Item2);
    }

    private async Task<HttpStatusCode> StatusAsync(GatewayEndpoints gateway, string path, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.ClientUrl(path));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await cluster.Http.SendAsync(request);
        return response.StatusCode;
    }
}
