using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>
/// The address a limit counts: the forwarded client's when the peer is a known proxy, the peer's otherwise. A spoofed
/// header from an untrusted peer gets nothing: the request is counted against the peer's own address.
/// </summary>
public sealed class ForwardedAddressTests(ProxiedHomeservers servers) : IClassFixture<ProxiedHomeservers>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false });

    [Fact]
    public async Task A_trusted_proxys_X_Forwarded_For_is_the_address_limited()
    {
        Assert.Equal(".x", await SendAsync(servers.Trusting, "X-Forwarded-For", "203.0.113.1") + await SendAsync(servers.Trusting, "X-Forwarded-For", "203.0.113.1"));
        Assert.Equal(".", await SendAsync(servers.Trusting, "X-Forwarded-For", "203.0.113.2"));
    }

    [Fact]
    public async Task A_trusted_proxys_Forwarded_for_is_the_address_limited()
    {
        Assert.Equal(".x", await SendAsync(servers.Trusting, "Forwarded", "for=203.0.113.3;proto=https") + await SendAsync(servers.Trusting, "Forwarded", "For=\"203.0.113.3:4711\""));
        Assert.Equal(".", await SendAsync(servers.Trusting, "Forwarded", "for=\"[2001:db8::5]:4711\""));
    }

    [Fact]
    public async Task Only_the_hops_within_the_forward_limit_are_believed()
    {
        Assert.Equal(".x", await SendAsync(servers.Trusting, "X-Forwarded-For", "198.51.100.1, 203.0.113.6") + await SendAsync(servers.Trusting, "X-Forwarded-For", "198.51.100.2, 203.0.113.6"));
    }

    [Fact]
    public async Task An_untrusted_peers_forwarded_headers_are_ignored()
    {
        Assert.Equal(".xx", await SendAsync(servers.Untrusting, "X-Forwarded-For", "203.0.113.7")
            + await SendAsync(servers.Untrusting, "X-Forwarded-For", "203.0.113.8")
            + await SendAsync(servers.Untrusting, "Forwarded", "for=203.0.113.9"));
    }

    /// <summary>'.' admitted, 'x' refused with 429.</summary>
    private async Task<string> SendAsync(TestHomeserver server, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.ClientUrl("/limited"));
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await _http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.TooManyRequests ? "x" : ".";
    }

    public void Dispose() => _http.Dispose();
}
