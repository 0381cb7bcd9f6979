using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>
/// POST /auth/grant/signup refuses what is no signup grant with the reference's statuses and bare texts
/// (pubky-homeserver/src/client_server/auth/grant/service.rs, verify_signup_grant_and_pop; error_mapping.rs).
/// </summary>
[Collection(HomeserverCollection.Name)]
public class GrantSignupRuleTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    private async Task<(HttpStatusCode Status, string Text)> SignUp(
        string capabilities = "/:rw", string clientId = "pubky.signup", long lifetimeSeconds = 300, bool existing = false)
    {
        using var user = existing ? await TestUser.Create(Server).SignedUpAsync() : TestUser.Create(Server);
        using var app = new GrantClient(Server, user);
        using var response = await app.SignUpAsync(capabilities: capabilities, clientId: clientId, lifetimeSeconds: lifetimeSeconds);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signup_grant_for_another_client_id_is_400_with_the_bare_reason()
    {
        Assert.Equal((HttpStatusCode.BadRequest, "signup grants must use client_id pubky.signup"), await SignUp(clientId: "test.app"));
    }

    [Fact]
    public async Task A_signup_grant_without_the_root_capability_is_403_Root_capability_required()
    {
        Assert.Equal((HttpStatusCode.Forbidden, "Root capability required"), await SignUp(capabilities: "/pub/app/:rw"));
    }

    [Fact]
    public async Task A_signup_grant_living_longer_than_five_minutes_is_400_with_the_bare_reason()
    {
        Assert.Equal((HttpStatusCode.BadRequest, "signup grant lifetime exceeds 5 minutes"), await SignUp(lifetimeSeconds: 301));
    }

    [Fact]
    public async Task A_signup_grant_for_an_existing_user_is_409_User_already_exists()
    {
        Assert.Equal((HttpStatusCode.Conflict, "User already exists"), await SignUp(existing: true));
    }
}
