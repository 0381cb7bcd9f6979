using System.Text;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Invariants;

/// <summary>Invariant 7: bad input gets a 4xx, never a 500, a hang or a dropped connection.</summary>
[Collection(HomeserverCollection.Name)]
public class BadInputTests(SharedHomeserver shared)
{
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH", "OPTIONS"];

    private static readonly string[] Paths =
    [
        "/", "/signup", "/session", "/events/", "/events-stream", "/signup_tokens/x", "/pub/", "/pub/a", "/priv/a",
        "/pub/%ff%fe", "/pub/%", "/pub/a%2fb", "/storage/x/pub/a", "/pub/" + new string('x', 300), "/foo",
        "/events-stream?user=:&user=", "/pub/?cursor=%00&limit=-1", "/events/?cursor=99999999999999999999",
        "/pub/?shallow=%ZZ", "/signup?signup_token=%%%", "/pub/a?pubky-host=pubky", "/storage//pub/x",
    ];

    [Fact]
    public async Task Random_requests_never_get_a_server_error()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        var random = new Random(1234);
        for (var i = 0; i < 300; i++)
        {
            var method = Methods[random.Next(Methods.Length)];
            var path = Paths[random.Next(Paths.Length)];
            var body = new byte[random.Next(0, 300)];
            random.NextBytes(body);
            var headers = new StringBuilder();
            headers.Append($"Host: {(random.Next(3) == 0 ? "_pubky." + user.Z32 : "127.0.0.1")}\r\n");
            if (random.Next(2) == 0)
            {
                headers.Append($"pubky-host: {(random.Next(3) == 0 ? "garbage" : user.Z32)}\r\n");
            }
            if (random.Next(2) == 0)
            {
                headers.Append($"Cookie: {user.Z32}={(random.Next(2) == 0 ? user.SessionSecret : "short")}; x=\"y\r\n");
            }
            if (random.Next(3) == 0)
            {
                headers.Append("If-Modified-Since: not a date\r\nIf-None-Match: ,,,\r\n");
            }
            headers.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            var request = Encoding.UTF8.GetBytes($"{method} {path} HTTP/1.1\r\n{headers}").Concat(body).ToArray();
            var (status, text) = await RawHttp.SendAsync(shared.Server.ClientPort, request);
            Assert.True(status is > 0 and < 500, $"{method} {path}: {status} {text}");
        }
        using var http = shared.Server.CreateClient();
        Assert.Equal("Pubky Homeserver", await http.GetStringAsync(shared.Server.ClientUrl()));
    }

    [Fact]
    public async Task Garbage_auth_tokens_are_400_with_a_text_body()
    {
        using var user = TestUser.Create(shared.Server);
        var random = new Random(99);
        for (var i = 0; i < 50; i++)
        {
            var body = new byte[random.Next(0, 400)];
            random.NextBytes(body);
            var response = await user.SendAsync(HttpMethod.Post, i % 2 == 0 ? "/signup" : "/session", new ByteArrayContent(body));
            Assert.Equal(400, (int)response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        }
    }
}
