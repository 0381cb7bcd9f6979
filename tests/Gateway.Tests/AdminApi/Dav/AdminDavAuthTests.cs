using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>The WebDAV takes HTTP Basic admin:&lt;password&gt; (reference: admin_server/routes/dav_handler.rs), not X-Admin-Password.</summary>
public sealed class AdminDavAuthTests(DavHomeserver fixture) : IClassFixture<DavHomeserver>
{
    private TestHomeserver Server => fixture.Server;

    [Theory]
    [InlineData(null)]
    [InlineData("admin:wrong")]
    [InlineData("operator:" + TestHomeserver.AdminPassword)]
    public async Task Without_the_admin_credential_it_is_401_Unauthorized_with_a_Basic_challenge(string? credential)
    {
        using var dav = new DavClient(Server, credential);

        using var response = await dav.SendAsync("PROPFIND", $"/dav/{TestHomeserver.HomeserverZ32}/", depth: "0");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await response.Content.ReadAsStringAsync());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_admin_password_header_is_not_a_WebDAV_credential()
    {
        using var http = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Server.AdminUrl("/dav/"));
        request.Headers.Add("X-Admin-Password", TestHomeserver.AdminPassword);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_credentials_count_in_the_admin_lockout()
    {
        using var dav = new DavClient(Server, "admin:wrong");
        for (var i = 0; i < 10; i++)
        {
            using var failed = await dav.SendAsync("OPTIONS", "/dav/");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var response = await dav.SendAsync("OPTIONS", "/dav/");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too many failed admin password attempts", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_without_a_credential_do_not_count_in_the_lockout()
    {
        using var anonymous = new DavClient(Server, credential: null);
        for (var i = 0; i < 11; i++)
        {
            using var challenged = await anonymous.SendAsync("OPTIONS", "/dav/");
            Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        }
    }

    [Fact]
    public async Task OPTIONS_answers_DAV_class_1_and_the_methods_served()
    {
        using var dav = new DavClient(Server);

        using var response = await dav.SendAsync("OPTIONS", "/dav/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("DAV").Single());
        Assert.Equal(["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "MKCOL"], response.Content.Headers.Allow);
    }
}
