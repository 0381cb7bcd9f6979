using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>A user key and, once signed up or in, its session cookie; sends requests as the JS client does.</summary>
public sealed class TestUser(TestHomeserver server, Keypair keypair) : IDisposable
{
    private readonly HttpClient _http = server.CreateClient();

    public Keypair Keypair { get; } = keypair;

    public string Z32 => Keypair.PublicKey.Z32;

    public string? SessionSecret { get; set; }

    public static TestUser Create(TestHomeserver server) => new(server, Keypair.Random());

    public byte[] Token(string capabilities = "/:rw", ulong? timestampMicros = null) =>
        AuthToken.Sign(Keypair, CapabilityList.Parse(capabilities), timestampMicros ?? UnixMicros.Now(TimeProvider.System)).Encoded.ToArray();

    public async Task<HttpResponseMessage> SignUpAsync(string capabilities = "/:rw", string? signupToken = null)
    {
        var query = signupToken is null ? "" : "?signup_token=" + Uri.EscapeDataString(signupToken);
        var response = await SendAsync(HttpMethod.Post, "/signup" + query, new ByteArrayContent(Token(capabilities)), TestHomeserver.HomeserverZ32);
        KeepSessionCookie(response);
        return response;
    }

    public async Task<HttpResponseMessage> SignInAsync(string capabilities = "/:rw")
    {
        var response = await SendAsync(HttpMethod.Post, "/session", new ByteArrayContent(Token(capabilities)));
        KeepSessionCookie(response);
        return response;
    }

    /// <summary>Signs up with root capabilities and fails the test if that does not work.</summary>
    public async Task<TestUser> SignedUpAsync()
    {
        var response = await SignUpAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return this;
    }

    public Task<HttpResponseMessage> PutAsync(string path, byte[] body) => SendAsync(HttpMethod.Put, path, new ByteArrayContent(body));

    public Task<HttpResponseMessage> PutTextAsync(string path, string text) => PutAsync(path, System.Text.Encoding.UTF8.GetBytes(text));

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>A request to the client API with <c>pubky-host</c> = <paramref name="tenant"/> (default: this user) and the session cookie.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null, string? tenant = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, server.ClientUrl(pathAndQuery)) { Content = content };
        request.Headers.Add("pubky-host", tenant ?? Z32);
        if (SessionSecret is not null)
        {
            request.Headers.Add("Cookie", $"{Z32}={SessionSecret}");
        }
        configure?.Invoke(request);
        return _http.SendAsync(request);
    }

    public void Dispose()
    {
        _http.Dispose();
        Keypair.Dispose();
    }

    private void KeepSessionCookie(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Select(c => c.Split(';')[0].Split('=', 2)).FirstOrDefault(c => c[0] == Z32) is [_, var secret]
            && secret.Length > 0)
        {
            SessionSecret = secret;
        }
    }
}
