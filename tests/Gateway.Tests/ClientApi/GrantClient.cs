using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>
/// An app as the reference SDK drives grant auth: the user signs a grant for this app's client key, the app proves
/// possession with a fresh PoP per exchange and then sends <c>Authorization: Bearer</c> with pubky-host = the user.
/// </summary>
public sealed class GrantClient : IDisposable
{
    private readonly TestHomeserver _server;
    private readonly TestUser _user;
    private readonly Keypair _client = Keypair.Random();
    private readonly HttpClient _http;

    public GrantClient(
        TestHomeserver server, TestUser user, string capabilities = "/:rw", string clientId = "test.app", long lifetimeSeconds = 86_400)
    {
        _server = server;
        _user = user;
        _http = server.CreateClient();
        Grant = NewGrant(server, user, capabilities, clientId, lifetimeSeconds, _client);
    }

    public string? Bearer { get; set; }

    public GrantClaims Grant { get; }

    private static long Now(TestHomeserver server) => server.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();

    private static GrantClaims NewGrant(TestHomeserver server, TestUser user, string capabilities, string clientId, long lifetimeSeconds, Keypair client) =>
        new(user.Keypair.PublicKey, clientId, CapabilityList.Parse(capabilities), client.PublicKey,
            GrantIds.NewId(), Now(server), Now(server) + lifetimeSeconds);

    public string SignedGrant => Grant.Sign(_user.Keypair);

    public string Pop(string? nonce = null) =>
        new PopClaims(PublicKey.ParseZ32(TestHomeserver.HomeserverZ32), Grant.GrantId, nonce ?? GrantIds.NewId(), Now(_server)).Sign(_client);

    /// <summary>POST /auth/grant/session; keeps the bearer when one is minted.</summary>
    public async Task<HttpResponseMessage> ExchangeAsync(string? pop = null)
    {
        var response = await _http.PostAsJsonAsync(_server.ClientUrl("/auth/grant/session"), new { grant = SignedGrant, pop = pop ?? Pop() });
        if (response.IsSuccessStatusCode)
        {
            Bearer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        }
        return response;
    }

    /// <summary>A grant signup as the signer does it (by default): a root grant for "pubky.signup" living five minutes.</summary>
    public async Task<HttpResponseMessage> SignUpAsync(
        string query = "", string capabilities = "/:rw", string clientId = "pubky.signup", long lifetimeSeconds = 300)
    {
        var grant = NewGrant(_server, _user, capabilities, clientId, lifetimeSeconds, _client);
        var pop = new PopClaims(PublicKey.ParseZ32(TestHomeserver.HomeserverZ32), grant.GrantId, GrantIds.NewId(), Now(_server)).Sign(_client);
        return await _http.PostAsJsonAsync(_server.ClientUrl("/auth/grant/signup" + query), new { grant = grant.Sign(_user.Keypair), pop });
    }

    /// <summary>A request with the bearer (when there is one) and pubky-host = the _user.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null) =>
        _http.SendAsync(Request(method, pathAndQuery, content));

    /// <summary>GET /events-stream with the bearer, read as it comes.</summary>
    public async Task<SseReader> OpenStreamAsync(string query) =>
        new(await _http.SendAsync(Request(HttpMethod.Get, "/events-stream?" + query, null), HttpCompletionOption.ResponseHeadersRead));

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, _server.ClientUrl(pathAndQuery)) { Content = content };
        request.Headers.Add("pubky-host", _user.Z32);
        if (Bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        }
        return request;
    }

    public Task<HttpResponseMessage> PutTextAsync(string path, string text) => SendAsync(HttpMethod.Put, path, new StringContent(text));

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }
}
