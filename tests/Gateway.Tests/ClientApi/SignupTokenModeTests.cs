using System.Net;
using System.Text.Json;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

public sealed class TokenModeHomeserver : IAsyncLifetime
{
    public TestHomeserver Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Signup:Mode"] = "TokenRequired" });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public async Task<string> GenerateTokenAsync()
    {
        using var http = Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.AdminUrl("/generate_signup_token"));
        request.Headers.Add("X-Admin-Password", TestHomeserver.AdminPassword);
        return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
    }
}

public class SignupTokenModeTests(TokenModeHomeserver fixture) : IClassFixture<TokenModeHomeserver>
{
    private TestHomeserver Server => fixture.Server;

    private static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signup_without_a_token_is_token_required()
    {
        using var user = TestUser.Create(Server);
        await AssertRefused(await user.SignUpAsync(), HttpStatusCode.BadRequest, "Token required");
    }

    [Fact]
    public async Task A_malformed_token_is_a_format_error()
    {
        using var user = TestUser.Create(Server);
        await AssertRefused(await user.SignUpAsync(signupToken: "1234567890"), HttpStatusCode.BadRequest,
            "Invalid signup token format: Invalid signup code id");
    }

    [Fact]
    public async Task An_unknown_token_is_invalid()
    {
        using var user = TestUser.Create(Server);
        await AssertRefused(await user.SignUpAsync(signupToken: "AAAA-BBBB-CCCC"), HttpStatusCode.Unauthorized, "Invalid token");
    }

    [Fact]
    public async Task A_token_signs_up_one_user_only()
    {
        var token = await fixture.GenerateTokenAsync();
        using var first = TestUser.Create(Server);
        Assert.Equal(HttpStatusCode.OK, (await first.SignUpAsync(signupToken: token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.SignInAsync()).StatusCode);
        using var second = TestUser.Create(Server);
        await AssertRefused(await second.SignUpAsync(signupToken: token), HttpStatusCode.Unauthorized, "Token already used");
    }

    [Fact]
    public async Task Concurrent_signups_with_one_token_have_exactly_one_winner()
    {
        var token = await fixture.GenerateTokenAsync();
        var users = Enumerable.Range(0, 8).Select(_ => TestUser.Create(Server)).ToList();
        var results = await Task.WhenAll(users.Select(u => u.SignUpAsync(signupToken: token)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        users.ForEach(u => u.Dispose());
    }

    [Fact]
    public async Task The_token_route_tells_valid_then_used()
    {
        var token = await fixture.GenerateTokenAsync();
        using var http = Server.CreateClient();
        var before = await http.GetAsync(Server.ClientUrl($"/signup_tokens/{token}"));
        Assert.Equal("valid", JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal("no-store", before.Headers.CacheControl?.ToString());
        using var user = TestUser.Create(Server);
        await user.SignUpAsync(signupToken: token);
        var after = await http.GetAsync(Server.ClientUrl($"/signup_tokens/{token}"));
        Assert.Equal("used", JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("invalid-format", HttpStatusCode.BadRequest)]
    [InlineData("AAAA-BBBB-CCCC", HttpStatusCode.NotFound)]
    public async Task The_token_route_refuses_bad_and_unknown_tokens(string token, HttpStatusCode status)
    {
        using var http = Server.CreateClient();
        Assert.Equal(status, (await http.GetAsync(Server.ClientUrl($"/signup_tokens/{token}"))).StatusCode);
    }
}

[Collection(HomeserverCollection.Name)]
public class OpenSignupTokenRouteTests(SharedHomeserver shared)
{
    [Fact]
    public async Task In_open_mode_the_token_route_says_tokens_are_not_required()
    {
        using var http = shared.Server.CreateClient();
        var response = await http.GetAsync(shared.Server.ClientUrl("/signup_tokens/AAAA-BBBB-CCCC"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Signup tokens not required", await response.Content.ReadAsStringAsync());
    }
}
