using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>
/// A live private /events-stream lasts only as long as the session that opened it (the reference's stream_auth.rs):
/// each test first reads the stream's history, so the stream is subscribed, then ends or keeps the session.
/// </summary>
[Collection(HomeserverCollection.Name)]
public class PrivateStreamRevocationTests(SharedHomeserver shared)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private TestHomeserver Server => shared.Server;

    private static string PrivateLive(TestUser user) => $"user={user.Z32}&path=/priv/&live=true";

    private async Task<TestUser> UserWithPrivateFile()
    {
        var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/priv/p.txt", "p")).StatusCode);
        return user;
    }

    private async Task<SseReader> OpenWithCookie(TestUser user, string secret)
    {
        var http = Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.ClientUrl("/events-stream?" + PrivateLive(user)));
        request.Headers.Add("Cookie", $"{user.Z32}={secret}");
        var stream = new SseReader(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        Assert.Single(await stream.ReadAsync(1, Wait));
        return stream;
    }

    private static async Task<SseReader> OpenWithBearer(GrantClient app, TestUser user)
    {
        var stream = await app.OpenStreamAsync(PrivateLive(user));
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Single(await stream.ReadAsync(1, Wait));
        return stream;
    }

    [Fact]
    public async Task A_private_stream_ends_when_its_cookie_session_signs_out()
    {
        using var user = await UserWithPrivateFile();
        using var stream = await OpenWithCookie(user, user.SessionSecret!);

        Assert.Equal(HttpStatusCode.OK, (await user.SendAsync(HttpMethod.Delete, "/session")).StatusCode);

        Assert.True(await stream.EndsWithinAsync(Wait), "the private stream was still open after its session signed out");
    }

    [Fact]
    public async Task A_private_stream_outlives_the_signout_of_another_session_and_keeps_delivering()
    {
        using var user = await UserWithPrivateFile();
        using var stream = await OpenWithCookie(user, user.SessionSecret!);
        var streaming = user.SessionSecret!;
        await user.SignInAsync();

        await user.SendAsync(HttpMethod.Delete, "/session");
        user.SessionSecret = streaming;
        await user.PutTextAsync("/priv/after.txt", "a");

        Assert.Equal($"pubky://{user.Z32}/priv/after.txt", Assert.Single(await stream.ReadAsync(1, Wait)).Data[0]);
    }

    [Fact]
    public async Task A_bearer_stream_ends_when_its_grant_signs_out()
    {
        using var user = await UserWithPrivateFile();
        using var app = new GrantClient(Server, user);
        await app.ExchangeAsync();
        using var stream = await OpenWithBearer(app, user);

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Delete, "/auth/grant/session")).StatusCode);

        Assert.True(await stream.EndsWithinAsync(Wait), "the bearer's stream was still open after its grant signed out");
    }

    [Fact]
    public async Task A_bearer_stream_ends_when_the_root_session_revokes_its_grant()
    {
        using var user = await UserWithPrivateFile();
        using var root = new GrantClient(Server, user);
        using var reader = new GrantClient(Server, user, "/priv/:r");
        await root.ExchangeAsync();
        await reader.ExchangeAsync();
        using var stream = await OpenWithBearer(reader, user);

        var revoke = await root.SendAsync(HttpMethod.Delete, $"/auth/grant/session/{reader.Grant.GrantId}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True(await stream.EndsWithinAsync(Wait), "the bearer's stream was still open after its grant was revoked");
    }

    [Fact]
    public async Task A_bearer_stream_ends_when_an_exchange_replaces_its_bearer()
    {
        using var user = await UserWithPrivateFile();
        using var app = new GrantClient(Server, user);
        await app.ExchangeAsync();
        using var stream = await OpenWithBearer(app, user);

        Assert.Equal(HttpStatusCode.OK, (await app.ExchangeAsync()).StatusCode);

        Assert.True(await stream.EndsWithinAsync(Wait), "the old bearer's stream was still open after the bearer was replaced");
    }

    [Fact]
    public async Task A_public_stream_opened_with_a_bearer_outlives_its_revocation()
    {
        using var user = await UserWithPrivateFile();
        using var app = new GrantClient(Server, user);
        await app.ExchangeAsync();
        using var stream = await app.OpenStreamAsync($"user={user.Z32}&live=true");

        await app.SendAsync(HttpMethod.Delete, "/auth/grant/session");
        await user.PutTextAsync("/pub/after.txt", "a");

        Assert.Equal($"pubky://{user.Z32}/pub/after.txt", Assert.Single(await stream.ReadAsync(1, Wait)).Data[0]);
    }
}
