using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(HomeserverCollection.Name)]
public class PrivateDataTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    [Fact]
    public async Task The_owner_writes_reads_and_deletes_private_data()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/priv/app/secret.txt", "s")).StatusCode);
        var read = await user.GetAsync("/priv/app/secret.txt");
        Assert.Equal("s", await read.Content.ReadAsStringAsync());
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync("/priv/app/secret.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/priv/app/secret.txt")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/priv/app/secret.txt")]
    [InlineData("GET", "/priv/app/absent.txt")]
    [InlineData("HEAD", "/priv/app/secret.txt")]
    [InlineData("GET", "/priv/app/")]
    public async Task Anonymous_private_reads_are_401_whether_or_not_the_file_exists(string method, string path)
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        await owner.PutTextAsync("/priv/app/secret.txt", "s");
        using var anonymous = TestUser.Create(Server);
        var response = await anonymous.SendAsync(new HttpMethod(method), path, tenant: owner.Z32);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task An_owner_session_without_read_capability_is_403()
    {
        using var owner = TestUser.Create(Server);
        await owner.SignUpAsync("/priv/app/:w");
        await owner.PutTextAsync("/priv/app/secret.txt", "s");
        var response = await owner.GetAsync("/priv/app/secret.txt");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Session does not have read access to path", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Private_writes_never_appear_in_the_public_feed()
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        await owner.PutTextAsync("/priv/hidden-from-feed.txt", "s");
        await owner.PutTextAsync("/pub/visible-in-feed.txt", "p");
        var (lines, _) = await EventFeedReader.ReadFromAsync(Server, 0);
        Assert.Contains($"PUT pubky://{owner.Z32}/pub/visible-in-feed.txt", lines);
        Assert.DoesNotContain(lines, line => line.Contains(owner.Z32 + "/priv/"));
    }
}
