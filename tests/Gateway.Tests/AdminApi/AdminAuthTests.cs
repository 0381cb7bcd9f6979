using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

[Collection(HomeserverCollection.Name)]
public sealed class AdminAuthTests(SharedHomeserver shared) : IDisposable
{
    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Root_answers_the_greeting_without_a_password()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, "/", password: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Homeserver - Admin Endpoint", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/info")]
    [InlineData("/signup_tokens")]
    [InlineData("/users/departed")]
    public async Task Missing_password_is_401_Missing_admin_password(string path)
    {
        var response = await _admin.SendAsync(HttpMethod.Get, path, password: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Missing admin password", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/generate_signup_token")]
    [InlineData("/signup_tokens")]
    public async Task Wrong_password_is_401_Invalid_admin_password(string path)
    {
        var response = await _admin.SendAsync(HttpMethod.Get, path, password: "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid admin password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Password_is_checked_on_user_routes_too()
    {
        var response = await _admin.SendAsync(HttpMethod.Post, $"/users/{TestHomeserver.HomeserverZ32}/disable", password: "Admin");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _admin.Dispose();
}
