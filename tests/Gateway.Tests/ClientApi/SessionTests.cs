using System.Net;
using Pubky.Protocol.Sessions;
using Pubky.Protocol.Time;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(HomeserverCollection.Name)]
public class SessionTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    [Fact]
    public async Task The_root_answers_pubky_homeserver()
    {
        using var http = Server.CreateClient();
        Assert.Equal("Pubky Homeserver", await http.GetStringAsync(Server.ClientUrl()));
    }

    [Fact]
    public async Task Signup_answers_the_session_info_with_the_tokens_capabilities_in_microseconds()
    {
        using var user = TestUser.Create(Server);
        var before = UnixMicros.Now(TimeProvider.System);
        var response = await user.SignUpAsync("/pub/app/:rw");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        var info = SessionInfo.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(user.Keypair.PublicKey, info.PublicKey);
        Assert.Equal("/pub/app/:rw", info.Capabilities.ToString());
        Assert.InRange(info.CreatedAt, before, before + 60_000_000);
    }

    [Fact]
    public async Task Signup_sets_a_cookie_named_after_the_user_with_the_reference_attributes()
    {
        using var user = TestUser.Create(Server);
        var response = await user.SignUpAsync();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches($"^{user.Z32}=[0-9A-Z]{{26}}; HttpOnly; Path=/; Max-Age=31536000; Expires=", cookie);
        Assert.DoesNotContain("Secure", cookie); // 127.0.0.1:port is not a secure host
    }

    [Fact]
    public async Task A_cookie_is_secure_when_the_host_is_a_domain_without_port()
    {
        using var user = TestUser.Create(Server);
        var response = await user.SendAsync(HttpMethod.Post, "/signup", new ByteArrayContent(user.Token()),
            configure: r => r.Headers.Add("X-Forwarded-Host", "homeserver.example.com"));
        Assert.EndsWith("; Secure; SameSite=None", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Signing_up_twice_is_a_conflict()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var again = await user.SignUpAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("User already exists", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_auth_token_is_accepted_only_once()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var token = user.Token();
        Assert.Equal(HttpStatusCode.OK, (await user.SendAsync(HttpMethod.Post, "/session", new ByteArrayContent(token))).StatusCode);
        var replay = await user.SendAsync(HttpMethod.Post, "/session", new ByteArrayContent(token));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("AuthToken already used", await replay.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(-181, "AuthToken has a timestamp that is more than 3 minutes in the past")]
    [InlineData(181, "AuthToken has a timestamp that is more than 3 minutes in the future")]
    public async Task A_token_outside_the_window_is_refused_with_its_reason(int offsetSeconds, string message)
    {
        using var user = TestUser.Create(Server);
        var stamp = (ulong)((long)UnixMicros.Now(TimeProvider.System) + offsetSeconds * 1_000_000L);
        var response = await user.SendAsync(HttpMethod.Post, "/signup", new ByteArrayContent(user.Token(timestampMicros: stamp)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_token_has_an_invalid_signature()
    {
        using var user = TestUser.Create(Server);
        var token = user.Token();
        token[^1] ^= 1;
        var response = await user.SendAsync(HttpMethod.Post, "/signup", new ByteArrayContent(token));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid Signature", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task A_truncated_token_is_a_400_not_a_dropped_connection(int length)
    {
        using var user = TestUser.Create(Server);
        var response = await user.SendAsync(HttpMethod.Post, "/signup", new ByteArrayContent(user.Token()[..length]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Hit the end of buffer, expected more data", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signin_of_an_unknown_user_is_not_found()
    {
        using var user = TestUser.Create(Server);
        var response = await user.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signin_adds_a_session_and_keeps_the_old_one()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var first = user.SessionSecret;
        Assert.Equal(HttpStatusCode.OK, (await user.SignInAsync("/pub/x/:rw")).StatusCode);
        Assert.NotEqual(first, user.SessionSecret);
        var second = user.SessionSecret;
        user.SessionSecret = first;
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/session")).StatusCode);
        user.SessionSecret = second;
        var info = SessionInfo.Decode(await (await user.GetAsync("/session")).Content.ReadAsByteArrayAsync());
        Assert.Equal("/pub/x/:rw", info.Capabilities.ToString());
    }

    [Fact]
    public async Task Get_session_answers_the_session_with_its_creation_time_in_seconds()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var response = await user.GetAsync("/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = SessionInfo.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.InRange(info.CreatedAt, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(response.Headers.CacheControl is { Private: true, MustRevalidate: true });
        Assert.Contains("pubky-host", response.Headers.Vary);
    }

    [Fact]
    public async Task Get_session_without_a_cookie_is_not_found_as_in_060()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        user.SessionSecret = null;
        var response = await user.GetAsync("/session");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_session_without_a_tenant_is_pubky_host_missing()
    {
        using var http = Server.CreateClient();
        var response = await http.GetAsync(Server.ClientUrl("/session"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Pubky Host is missing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signout_ends_the_session_and_removes_the_cookie()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var response = await user.DeleteAsync("/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"{user.Z32}=; HttpOnly; Path=/; Max-Age=0;", Assert.Single(response.Headers.GetValues("Set-Cookie")));
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.PutTextAsync("/pub/after-signout.txt", "x")).StatusCode);
    }

    [Fact]
    public async Task Signout_is_idempotent()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await user.DeleteAsync("/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.DeleteAsync("/session")).StatusCode);
    }

    [Fact]
    public async Task The_server_picks_the_cookie_named_after_the_tenant_among_many()
    {
        using var alice = await TestUser.Create(Server).SignedUpAsync();
        using var bob = await TestUser.Create(Server).SignedUpAsync();
        var response = await alice.SendAsync(HttpMethod.Put, "/pub/many-cookies.txt", new StringContent("hi"), configure: r =>
        {
            r.Headers.Remove("Cookie");
            r.Headers.Add("Cookie", $"{bob.Z32}={bob.SessionSecret}; {alice.Z32}={alice.SessionSecret}; other=1");
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_signup_body_over_two_mebibytes_is_413()
    {
        using var user = TestUser.Create(Server);
        var response = await user.SendAsync(HttpMethod.Post, "/signup", new ByteArrayContent(new byte[2 * 1024 * 1024 + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
