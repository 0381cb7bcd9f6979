using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.SignupTokens;

namespace PubkyCluster.Gateway.Tests.AdminApi;

[Collection(HomeserverCollection.Name)]
public sealed class AdminSignupTokenTests(SharedHomeserver shared) : IDisposable
{
    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Get_generate_signup_token_creates_an_unused_token()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, "/generate_signup_token");
        var token = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(SignupToken.IsValidFormat(token), token);
        var stored = await shared.Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignupTokenGrain>(token).Get();
        Assert.NotNull(stored);
        Assert.Null(stored.UsedBy);
    }

    [Fact]
    public async Task Post_generate_signup_token_without_a_body_creates_a_token()
    {
        var response = await _admin.SendAsync(HttpMethod.Post, "/generate_signup_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(SignupToken.IsValidFormat(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Post_generate_signup_token_with_invalid_json_is_422()
    {
        var response = await _admin.SendAsync(HttpMethod.Post, "/generate_signup_token", "{\"storage_quota_mb\": ");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"storage_quota_mb\": -1}")]
    [InlineData("{\"storage_quota_mb\": 1.5}")]
    [InlineData("{\"storage_quota_mb\": \"lots\"}")]
    [InlineData("{\"allowed_write_paths\": \"/pub/\"}")]
    [InlineData("{\"allowed_write_paths\": [\"pub/relative\"]}")]
    [InlineData("{\"rate_read\": \"10r/s\"}")]
    [InlineData("{\"rate_read_burst\": 5}")]
    [InlineData("[]")]
    public async Task Post_generate_signup_token_with_an_invalid_quota_is_422(string body)
    {
        var response = await _admin.SendAsync(HttpMethod.Post, "/generate_signup_token", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Invalid quota", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_generate_signup_token_gives_its_quota_to_the_user_who_signs_up_with_it()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Signup:Mode"] = "TokenRequired" });
        using var admin = new AdminClient(server);
        var tokenResponse = await admin.SendAsync(HttpMethod.Post, "/generate_signup_token",
            "{\"storage_quota_mb\": 5, \"allowed_write_paths\": [\"/pub/app/\"]}");
        using var user = TestUser.Create(server);

        var signup = await user.SignUpAsync(signupToken: await tokenResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);
        var quota = await admin.GetJsonAsync($"/users/{user.Z32}/quota");
        Assert.Equal(5, quota["overrides"]!["storage_quota_mb"]!.GetValue<long>());
        Assert.Equal("/pub/app/", quota["overrides"]!["allowed_write_paths"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_generate_signup_token_gives_its_rates_to_the_user_who_signs_up_with_it()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Signup:Mode"] = "TokenRequired" });
        using var admin = new AdminClient(server);
        var tokenResponse = await admin.SendAsync(HttpMethod.Post, "/generate_signup_token", "{\"rate_read\": \"1kb/s\", \"rate_write\": \"unlimited\"}");
        using var user = TestUser.Create(server);

        Assert.Equal(HttpStatusCode.OK, (await user.SignUpAsync(signupToken: await tokenResponse.Content.ReadAsStringAsync())).StatusCode);

        var quota = await admin.GetJsonAsync($"/users/{user.Z32}/quota");
        Assert.Equal("1kb/s", quota["overrides"]!["rate_read"]!.GetValue<string>());
        Assert.Equal("unlimited", quota["overrides"]!["rate_write"]!.GetValue<string>());
    }

    public void Dispose() => _admin.Dispose();
}
