using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Time;

namespace PubkyCluster.Bench;

/// <summary>Signs a fresh user up on a testnet homeserver and stores the public file the GET measure reads.</summary>
public static class Seed
{
    /// <summary>The testnet homeserver's key (the secret of 32 zero bytes), which signups name in pubky-host.</summary>
    public const string TestnetHomeserver = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    public const string FilePath = "/pub/bench/1k";

    /// <summary>The measured body: 1 KiB, the same bytes on both sides.</summary>
    public static byte[] Body() => [.. Enumerable.Range(0, 1024).Select(i => (byte)i)];

    public static async Task<int> RunAsync(Uri client)
    {
        using var keypair = Keypair.Random();
        using var http = new HttpClient { BaseAddress = client, Timeout = TimeSpan.FromSeconds(30) };
        var token = AuthToken.Sign(keypair, CapabilityList.Parse("/:rw"), UnixMicros.Now(TimeProvider.System)).Encoded.ToArray();
        using var signup = new HttpRequestMessage(HttpMethod.Post, "/signup") { Content = new ByteArrayContent(token) };
        signup.Headers.Add("pubky-host", TestnetHomeserver);
        using var signedUp = await http.SendAsync(signup);
        if (!signedUp.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"signup: {(int)signedUp.StatusCode} {await signedUp.Content.ReadAsStringAsync()}");
            return 1;
        }
        var cookie = signedUp.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var put = new HttpRequestMessage(HttpMethod.Put, FilePath) { Content = new ByteArrayContent(Body()) };
        put.Headers.Add("pubky-host", keypair.PublicKey.Z32);
        put.Headers.Add("Cookie", cookie);
        using var stored = await http.SendAsync(put);
        if ((int)stored.StatusCode != 201)
        {
            Console.Error.WriteLine($"put: {(int)stored.StatusCode} {await stored.Content.ReadAsStringAsync()}");
            return 1;
        }
        Console.WriteLine(keypair.PublicKey.Z32);
        return 0;
    }
}
