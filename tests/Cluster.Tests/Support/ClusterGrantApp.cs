using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>
/// An app holding a grant of a cluster user, as the reference SDK drives grant auth: a fresh proof of possession per
/// exchange, then <c>Authorization: Bearer</c> with pubky-host = the user, on whichever gateway each call names.
/// </summary>
public sealed class ClusterGrantApp : IDisposable
{
    private readonly HttpClient _http;
    private readonly ClusterUser _user;
    private readonly Keypair _client = Keypair.Random();

    public ClusterGrantApp(HttpClient http, ClusterUser user, string capabilities = "/:rw")
    {
        _http = http;
        _user = user;
        Grant = NewGrant(capabilities, "cluster.test.app", lifetimeSeconds: 86_400);
    }

    public string? Bearer { get; set; }

    public GrantClaims Grant { get; }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private GrantClaims NewGrant(string capabilities, string clientId, long lifetimeSeconds) =>
        new(_user.Keypair.PublicKey, clientId, CapabilityList.Parse(capabilities), _client.PublicKey, GrantIds.NewId(), Now, Now + lifetimeSeconds);

    public string Pop(string? nonce = null) => PopFor(Grant, nonce);

    /// <summary>POST /auth/grant/session; keeps the bearer when one is minted.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ExchangeAsync(GatewayEndpoints gateway, string? pop = null)
    {
        using var response = await _http.PostAsJsonAsync(
            gateway.ClientUrl("/auth/grant/session"), new { grant = Grant.Sign(_user.Keypair), pop = pop ?? Pop() });
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            Bearer = JsonNode.Parse(body)!["token"]!.GetValue<string>();
        }
        return (response.StatusCode, body);
    }

    /// <summary>A grant signup as the signer does it: a root grant for "pubky.signup" living five minutes.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SignUpAsync(GatewayEndpoints gateway)
    {
        var grant = NewGrant("/:rw", "pubky.signup", lifetimeSeconds: 300);
        using var response = await _http.PostAsJsonAsync(
            gateway.ClientUrl("/auth/grant/signup"), new { grant = grant.Sign(_user.Keypair), pop = PopFor(grant, null) });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> SendAsync(GatewayEndpoints gateway, HttpMethod method, string pathAndQuery, HttpContent? content = null) =>
        await _http.SendAsync(Request(gateway, method, pathAndQuery, content));

    public Task<SseStream> OpenStreamAsync(GatewayEndpoints gateway, string query, CancellationToken cancellationToken) =>
        SseStream.OpenAsync(_http, Request(gateway, HttpMethod.Get, "/events-stream?" + query, null), cancellationToken);

    public void Dispose() => _client.Dispose();

    private string PopFor(GrantClaims grant, string? nonce) =>
        new PopClaims(PublicKey.ParseZ32(LocalCluster.HomeserverZ32), grant.GrantId, nonce ?? GrantIds.NewId(), Now).Sign(_client);

    private HttpRequestMessage Request(GatewayEndpoints gateway, HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, gateway.ClientUrl(pathAndQuery)) { Content = content };
        request.Headers.Add("pubky-host", _user.Z32);
        if (Bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        }
        return request;
    }
}
