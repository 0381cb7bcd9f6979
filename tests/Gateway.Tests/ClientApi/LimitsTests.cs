using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

public class LimitsTests
{
    [Fact]
    public async Task The_reference_quota_sequence_with_a_one_megabyte_quota()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:DefaultQuotaMb"] = "1" });
        using var user = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/q/a", new byte[600_000])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/q/a", new byte[600_000])).StatusCode);
        var second = await user.PutAsync("/pub/q/b", new byte[600_000]);
        Assert.Equal(HttpStatusCode.InsufficientStorage, second.StatusCode);
        Assert.Equal("Disk space quota of 1.0 MB exceeded. Write operation failed.", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InsufficientStorage, (await user.PutAsync("/pub/q/a", new byte[1_100_000])).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync("/pub/q/a")).StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, (await user.PutAsync("/pub/q/c", new byte[1025 * 1024 - 256])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/q/c", new byte[1024 * 1024 - 256])).StatusCode);
    }

    [Fact]
    public async Task Without_content_length_the_quota_is_checked_at_commit()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:DefaultQuotaMb"] = "1" });
        using var user = await TestUser.Create(server).SignedUpAsync();
        var response = await user.SendAsync(HttpMethod.Put, "/pub/chunked", new StreamContent(new MemoryStream(new byte[1024 * 1024])),
            configure: r => r.Headers.TransferEncodingChunked = true);
        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("Disk space quota exceeded", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/chunked")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_content_length()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:MaxBodyBytes"] = "1000" });
        using var user = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/limit/ok", new byte[1000])).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await user.PutAsync("/pub/limit/declared", new byte[1001])).StatusCode);
        var chunked = await user.SendAsync(HttpMethod.Put, "/pub/limit/chunked", new StreamContent(new MemoryStream(new byte[5000])),
            configure: r => r.Headers.TransferEncodingChunked = true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/limit/chunked")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_can_read_delete_and_sign_in_but_not_write()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        await user.PutTextAsync("/pub/d/keep", "k");
        await user.PutTextAsync("/pub/d/drop", "d");
        using var http = server.CreateClient();
        var disable = new HttpRequestMessage(HttpMethod.Post, server.AdminUrl($"/users/{user.Z32}/disable"));
        disable.Headers.Add("X-Admin-Password", TestHomeserver.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(disable)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/pub/d/keep")).StatusCode);
        var put = await user.PutTextAsync("/pub/d/new", "n");
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("User is disabled", await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync("/pub/d/drop")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.SignInAsync()).StatusCode);
    }

    [Theory]
    [InlineData("Listen:ClientPort", "0")]
    [InlineData("Homeserver:SecretKeyHex", "not-hex")]
    [InlineData("Limits:AuthTokenWindowSeconds", "0")]
    [InlineData("Homeserver:PublicIp", "localhost")]
    public async Task Invalid_configuration_stops_the_start_with_the_key_named(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestHomeserver.StartAsync(new Dictionary<string, string?> { [key] = value, ["Homeserver:Testnet"] = "false" }));
        Assert.Contains(key, error.ToString());
    }
}
