using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PubkyCluster.Gateway.Tests.AdminApi;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>Grant-based auth over HTTP, from the reference's e2e auth/grant.rs checklist.</summary>
[Collection(HomeserverCollection.Name)]
public class GrantAuthTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    private static async Task<string> Text(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task A_grant_signup_then_a_grant_signin_gives_a_bearer_that_writes()
    {
        using var user = TestUser.Create(Server);
        using var app = new GrantClient(Server, user);

        var signup = await app.SignUpAsync();
        var signin = await app.ExchangeAsync();
        var write = await app.PutTextAsync("/pub/app/hello.txt", "hi");

        Assert.Equal(HttpStatusCode.NoContent, signup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signin.StatusCode);
        Assert.Equal(43, app.Bearer!.Length);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }

    [Fact]
    public async Task The_exchange_answers_the_session_as_the_reference_does()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user, "/pub/app/:rw");

        var body = JsonNode.Parse(await Text(await app.ExchangeAsync()))!["session"]!;

        Assert.Equal(TestHomeserver.HomeserverZ32, body["homeserver"]!.GetValue<string>());
        Assert.Equal(user.Z32, body["pubky"]!.GetValue<string>());
        Assert.Equal("test.app", body["client_id"]!.GetValue<string>());
        Assert.Equal("/pub/app/:rw", body["capabilities"]![0]!.GetValue<string>());
        Assert.Equal(app.Grant.GrantId, body["grant_id"]!.GetValue<string>());
        Assert.Equal(3600, body["token_expires_at"]!.GetValue<long>() - body["created_at"]!.GetValue<long>());
        Assert.Equal(app.Grant.ExpiresAt, body["grant_expires_at"]!.GetValue<long>());
    }

    [Fact]
    public async Task Exchanging_again_rotates_the_bearer_and_the_old_one_gets_401_on_put()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user);
        await app.ExchangeAsync();
        var old = app.Bearer;

        await app.ExchangeAsync();
        var fresh = await app.PutTextAsync("/pub/app/a.txt", "a");
        app.Bearer = old;
        var stale = await app.PutTextAsync("/pub/app/a.txt", "a");

        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task A_replayed_pop_nonce_is_401_PoP_nonce_already_used()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user);
        var pop = app.Pop();
        await app.ExchangeAsync(pop);

        var replay = await app.ExchangeAsync(pop);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("PoP nonce already used", await Text(replay));
    }

    [Fact]
    public async Task Signout_revokes_only_the_current_grant_is_idempotent_and_a_revoked_grant_is_401_on_exchange()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var a = new GrantClient(Server, user);
        using var b = new GrantClient(Server, user);
        await a.ExchangeAsync();
        await b.ExchangeAsync();

        var first = await b.SendAsync(HttpMethod.Delete, "/auth/grant/session");
        var second = await b.SendAsync(HttpMethod.Delete, "/auth/grant/session");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.PutTextAsync("/pub/app/b.txt", "b")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await a.PutTextAsync("/pub/app/a.txt", "a")).StatusCode);
        var again = await b.ExchangeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("Grant has been revoked", await Text(again));
    }

    [Fact]
    public async Task A_grant_session_of_a_disabled_user_reads_but_cannot_write_and_may_delete()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var admin = new AdminClient(Server);
        using var app = new GrantClient(Server, user);
        await app.ExchangeAsync();
        await app.PutTextAsync("/pub/app/kept.txt", "k");
        await admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable");

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/pub/app/kept.txt")).StatusCode);
        var write = await app.PutTextAsync("/pub/app/new.txt", "n");
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("User is disabled", await Text(write));
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, "/pub/app/kept.txt")).StatusCode);
    }

    [Fact]
    public async Task A_scoped_session_writes_in_scope_only_and_cannot_list_or_revoke_grants()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var root = new GrantClient(Server, user);
        using var scoped = new GrantClient(Server, user, "/pub/app/:rw");
        await root.ExchangeAsync();
        await scoped.ExchangeAsync();

        Assert.Equal(HttpStatusCode.Created, (await scoped.PutTextAsync("/pub/app/in.txt", "i")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.PutTextAsync("/pub/other/out.txt", "o")).StatusCode);
        var list = await scoped.SendAsync(HttpMethod.Get, "/auth/grant/sessions");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("Root capability required", await Text(list));
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.SendAsync(HttpMethod.Delete, $"/auth/grant/session/{root.Grant.GrantId}")).StatusCode);
    }

    [Fact]
    public async Task A_root_session_lists_both_grants_and_revokes_the_scoped_one()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var root = new GrantClient(Server, user);
        using var scoped = new GrantClient(Server, user, "/pub/app/:rw");
        await root.ExchangeAsync();
        await scoped.ExchangeAsync();

        var before = JsonNode.Parse(await Text(await root.SendAsync(HttpMethod.Get, "/auth/grant/sessions")))!.AsArray();
        var revoke = await root.SendAsync(HttpMethod.Delete, $"/auth/grant/session/{scoped.Grant.GrantId}");
        var after = JsonNode.Parse(await Text(await root.SendAsync(HttpMethod.Get, "/auth/grant/sessions")))!.AsArray();

        Assert.Equal(2, before.Count);
        Assert.Contains(before, g => g!["capabilities"]!.GetValue<string>() == "/pub/app/:rw");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scoped.PutTextAsync("/pub/app/x.txt", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scoped.SendAsync(HttpMethod.Get, "/auth/grant/session")).StatusCode);
        Assert.Equal([root.Grant.GrantId], after.Select(g => g!["grant_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Revoking_an_unknown_grant_is_404_and_a_malformed_id_400()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var root = new GrantClient(Server, user);
        await root.ExchangeAsync();

        var unknown = await root.SendAsync(HttpMethod.Delete, "/auth/grant/session/unknown-grant");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Not Found", await Text(unknown));
        var malformed = await root.SendAsync(HttpMethod.Delete, $"/auth/grant/session/{new string('a', 23)}");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Invalid grant ID format", await Text(malformed));
    }

    [Fact]
    public async Task A_malformed_grant_id_is_checked_after_the_session_401_and_the_root_capability_403()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var anonymous = new GrantClient(Server, user);
        using var scoped = new GrantClient(Server, user, "/pub/app/:rw");
        await scoped.ExchangeAsync();
        var path = $"/auth/grant/session/{new string('a', 23)}";

        var withoutSession = await anonymous.SendAsync(HttpMethod.Delete, path);
        var withoutRoot = await scoped.SendAsync(HttpMethod.Delete, path);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutSession.StatusCode);
        Assert.Equal("No authenticated session found", await Text(withoutSession));
        Assert.Equal(HttpStatusCode.Forbidden, withoutRoot.StatusCode);
        Assert.Equal("Root capability required", await Text(withoutRoot));
    }

    [Fact]
    public async Task A_grant_id_of_23_characters_is_400_Invalid_grant_format_at_exchange()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user);
        using var http = Server.CreateClient();
        var grant = app.Grant with { GrantId = new string('a', 23) };

        var exchange = await http.PostAsJsonAsync(Server.ClientUrl("/auth/grant/session"), new { grant = grant.Sign(user.Keypair), pop = app.Pop() });

        Assert.Equal(HttpStatusCode.BadRequest, exchange.StatusCode);
        Assert.Equal("Invalid grant: invalid grant format", await Text(exchange));
    }

    [Fact]
    public async Task A_bearer_presented_for_another_users_host_is_401_as_an_unknown_bearer()
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        using var other = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, owner);
        await app.ExchangeAsync();

        var write = await other.SendAsync(HttpMethod.Put, "/pub/app/x.txt", new StringContent("x"),
            configure: request => request.Headers.Authorization = new("Bearer", app.Bearer));

        // The reference answers 403 "Session user does not match target tenant" (README, differences).
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("No session found for session secret", await Text(write));
    }

    [Fact]
    public async Task Revoking_another_users_grant_id_is_404_Not_Found_and_leaves_the_grant_live()
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        using var other = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, owner);
        await app.ExchangeAsync();

        var revoke = await other.SendAsync(HttpMethod.Delete, $"/auth/grant/session/{app.Grant.GrantId}");

        // The reference answers 403 "Grant does not belong to authenticated user" (README, differences).
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal("Not Found", await Text(revoke));
        Assert.Equal(HttpStatusCode.Created, (await app.PutTextAsync("/pub/app/still.txt", "s")).StatusCode);
    }

    [Fact]
    public async Task The_bearer_session_shows_its_grant_and_without_a_bearer_it_is_401()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user);

        var anonymous = await app.SendAsync(HttpMethod.Get, "/auth/grant/session");
        await app.ExchangeAsync();
        var session = JsonNode.Parse(await Text(await app.SendAsync(HttpMethod.Get, "/auth/grant/session")))!;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("No authenticated session found", await Text(anonymous));
        Assert.Equal(app.Grant.GrantId, session["grant_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_bearer_makes_the_request_anonymous_even_with_a_valid_cookie()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var app = new GrantClient(Server, user) { Bearer = new string('A', 43) };

        var write = await user.SendAsync(HttpMethod.Put, "/pub/app/c.txt", new StringContent("c"),
            configure: request => request.Headers.Authorization = new("Bearer", app.Bearer));

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/app/c.txt", "c")).StatusCode);
    }

    [Fact]
    public async Task An_exchange_for_an_unknown_user_is_404()
    {
        using var user = TestUser.Create(Server);
        using var app = new GrantClient(Server, user);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ExchangeAsync()).StatusCode);
    }

    [Fact]
    public async Task A_grant_signed_by_another_key_is_401_and_garbage_is_400()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var other = TestUser.Create(Server);
        using var app = new GrantClient(Server, user);
        using var http = Server.CreateClient();

        var forged = await http.PostAsJsonAsync(Server.ClientUrl("/auth/grant/session"), new { grant = app.Grant.Sign(other.Keypair), pop = app.Pop() });
        var garbage = await http.PostAsJsonAsync(Server.ClientUrl("/auth/grant/session"), new { grant = "a.b", pop = app.Pop() });

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("Invalid grant: invalid grant signature", await Text(forged));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("Invalid grant: invalid grant format", await Text(garbage));
    }
}
