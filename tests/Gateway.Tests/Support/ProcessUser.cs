using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Signup and requests against a <see cref="HomeserverProcess"/>, keeping only the key and the cookie secret.</summary>
public static class ProcessUser
{
    public static async Task<(string Z32, string Secret)> SignUpAsync(HttpClient http, HomeserverProcess server)
    {
        using var keypair = Keypair.Random();
        var token = AuthToken.Sign(keypair, CapabilityList.Root, UnixMicros.Now(TimeProvider.System));
        var response = await http.PostAsync(server.ClientUrl("/signup"), new ByteArrayContent(token.Encoded.ToArray()));
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        return (keypair.PublicKey.Z32, cookie.Split(';')[0].Split('=', 2)[1]);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, HomeserverProcess server, HttpMethod method, string path,
        string z32, string? secret, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, server.ClientUrl(path)) { Content = body is null ? null : new ByteArrayContent(body) };
        request.Headers.Add("pubky-host", z32);
        if (secret is not null)
        {
            request.Headers.Add("Cookie", $"{z32}={secret}");
        }
        return http.SendAsync(request);
    }
}
