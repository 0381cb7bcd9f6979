using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace PubkyCluster.Bench;

/// <summary>A signed-up user as the load needs it: the tenant for pubky-host and the session cookie.</summary>
public sealed record BenchUser(string Host, string Cookie)
{
    public void Authorize(HttpRequestMessage request)
    {
        request.Headers.Add("pubky-host", Host);
        request.Headers.Add("Cookie", Cookie);
    }
}

/// <summary>Signup and checked requests against a testnet homeserver, shared by every command of the tool.</summary>
public static class Accounts
{
    /// <summary>The testnet homeserver's key (the secret of 32 zero bytes), which signups name in pubky-host.</summary>
    public const string TestnetHomeserver = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    /// <summary>
    /// A client that keeps no cookies: each request carries its own user's cookie, and a shared cookie jar would send
    /// every user's cookie on every request (and grow with the users).
    /// </summary>
    public static HttpClient Client(Uri baseAddress, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    public static async Task<BenchUser> SignUpAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        using var keypair = Keypair.Random();
        var token = AuthToken.Sign(keypair, CapabilityList.Parse("/:rw"), UnixMicros.Now(TimeProvider.System)).Encoded.ToArray();
        using var signup = new HttpRequestMessage(HttpMethod.Post, "/signup") { Content = new ByteArrayContent(token) };
        signup.Headers.Add("pubky-host", TestnetHomeserver);
        using var response = await http.SendAsync(signup, cancellationToken);
        await ExpectAsync(response, 200, "POST /signup");
        var cookie = response.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        return new BenchUser(keypair.PublicKey.Z32, cookie);
    }

    public static async Task PutAsync(HttpClient http, BenchUser user, string path, byte[] body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(body) };
        user.Authorize(request);
        using var response = await http.SendAsync(request, cancellationToken);
        await ExpectAsync(response, 201, "PUT " + path);
    }

    /// <summary>Any other status fails the bench: an error must never pass for a fast answer.</summary>
    public static async Task ExpectAsync(HttpResponseMessage response, int status, string what)
    {
        if ((int)response.StatusCode != status)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw new BenchFailure($"{what}: {(int)response.StatusCode} {text}");
        }
    }
}

/// <summary>A failed check; the tool prints it and exits non-zero, which fails bench/run.sh.</summary>
public sealed class BenchFailure(string message) : Exception(message);
