using System.Net;
using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>
/// A user key and its session secret. Requests name the tenant in <c>pubky-host</c> and carry the session cookie, as the
/// official JS client does; the gateway is chosen per request, so one session can be used on every gateway.
/// </summary>
public sealed class ClusterUser(HttpClient http, Keypair keypair) : IDisposable
{
    public Keypair Keypair { get; } = keypair;

    public string Z32 => Keypair.PublicKey.Z32;

    public string? SessionSecret { get; private set; }

    public static ClusterUser Create(LocalCluster cluster) => new(cluster.Http, Keypair.Random());

    /// <summary>A freshly signed AuthToken (timestamps are microseconds, so two calls never share a replay id).</summary>
    public byte[] Token(string capabilities = "/:rw") =>
        AuthToken.Sign(Keypair, CapabilityList.Parse(capabilities), UnixMicros.Now(TimeProvider.System)).Encoded.ToArray();

    public async Task<(HttpStatusCode Status, string Body)> SignUpAsync(GatewayEndpoints gateway, string? signupToken = null, byte[]? token = null)
    {
        var query = signupToken is null ? "" : "?signup_token=" + Uri.EscapeDataString(signupToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.ClientUrl("/signup" + query))
        {
            Content = new ByteArrayContent(token ?? Token()),
        };
        request.Headers.Add("pubky-host", LocalCluster.HomeserverZ32);
        using var response = await http.SendAsync(request);
        KeepSession(response);
        return (response.StatusCode, await BodyText(response));
    }

    public async Task<(HttpStatusCode Status, string Body)> SignInAsync(GatewayEndpoints gateway, byte[]? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.ClientUrl("/session")) { Content = new ByteArrayContent(token ?? Token()) };
        request.Headers.Add("pubky-host", Z32);
        using var response = await http.SendAsync(request);
        KeepSession(response);
        return (response.StatusCode, await BodyText(response));
    }

    /// <summary>Signs up through <paramref name="gateway"/> and fails the test unless that works.</summary>
    public async Task<ClusterUser> SignedUpAsync(GatewayEndpoints gateway)
    {
        var (status, body) = await SignUpAsync(gateway);
        Assert.True(status == HttpStatusCode.OK, $"signup of {Z32} on {gateway}: {(int)status} {body}");
        Assert.NotNull(SessionSecret);
        return this;
    }

    public Task<HttpResponseMessage> PutAsync(GatewayEndpoints gateway, string path, byte[] body, CancellationToken cancellationToken = default) =>
        SendAsync(gateway, HttpMethod.Put, path, new ByteArrayContent(body), cancellationToken);

    public Task<HttpResponseMessage> GetAsync(GatewayEndpoints gateway, string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(gateway, HttpMethod.Get, pathAndQuery, null, cancellationToken);

    public Task<HttpResponseMessage> DeleteAsync(GatewayEndpoints gateway, string path, CancellationToken cancellationToken = default) =>
        SendAsync(gateway, HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>Every file path of a deep listing of <paramref name="directory"/> (pages of 1000), as pubky:// URIs are cut to paths.</summary>
    public async Task<List<string>> ListAllAsync(GatewayEndpoints gateway, string directory = "/pub/")
    {
        var paths = new List<string>();
        string? cursor = null;
        var prefix = $"pubky://{Z32}";
        for (var page = 0; page < 100; page++)
        {
            var query = $"{directory}?limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await GetAsync(gateway, query);
            var text = await BodyText(response);
            if (response.StatusCode == HttpStatusCode.NotFound && paths.Count == 0)
            {
                return paths;
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"listing {directory} of {Z32} on {gateway}: {(int)response.StatusCode} {text}");
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                Assert.StartsWith(prefix, line);
                paths.Add(line[prefix.Length..]);
            }
            if (lines.Length < 1000)
            {
                return paths;
            }
            cursor = lines[^1];
        }
        throw new InvalidOperationException("listing did not end within 100 pages");
    }

    public async Task<HttpResponseMessage> SendAsync(
        GatewayEndpoints gateway, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, gateway.ClientUrl(pathAndQuery)) { Content = content };
        request.Headers.Add("pubky-host", Z32);
        if (SessionSecret is not null)
        {
            request.Headers.Add("Cookie", $"{Z32}={SessionSecret}");
        }
        return await http.SendAsync(request, cancellationToken);
    }

    public void Dispose() => Keypair.Dispose();

    public override string ToString() => Z32;

    private static async Task<string> BodyText(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    private void KeepSession(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }
        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';', 2)[0].Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim() == Z32 && pair[1].Length > 0)
            {
                SessionSecret = pair[1];
            }
        }
    }
}
