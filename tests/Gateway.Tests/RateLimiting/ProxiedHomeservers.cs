using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>
/// Two homeservers with the rule <c>GET /limited</c> 1 r/s per address: one trusts its loopback peer as a proxy
/// (ForwardedHeaders:KnownProxies), the other trusts no one. Their clocks never move, so a bucket stays spent.
/// </summary>
public sealed class ProxiedHomeservers : IAsyncLifetime
{
    private TestHomeserver? _trusting;
    private TestHomeserver? _untrusting;

    public TestHomeserver Trusting => _trusting ?? throw new InvalidOperationException("Not started.");

    public TestHomeserver Untrusting => _untrusting ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var rule = RateLimitRules.Settings(("GET", "/limited", "1r/s", "Ip", null, []));
        _untrusting = await TestHomeserver.StartAsync(rule, services: services => TestHomeserver.UseClock(services, clock));
        rule["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        _trusting = await TestHomeserver.StartAsync(rule, services: services => TestHomeserver.UseClock(services, clock));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _trusting, _untrusting })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
