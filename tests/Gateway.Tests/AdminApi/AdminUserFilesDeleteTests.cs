using System.Net;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>DELETE /users/{key}/files: an operator reclaims a (departed) user's space in one call.</summary>
[Collection(HomeserverCollection.Name)]
public sealed class AdminUserFilesDeleteTests(SharedHomeserver shared) : IDisposable
{
    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Every_file_public_and_private_is_deleted_across_pages_and_the_usage_drops_to_nothing()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Admin:DavPageSize"] = "2" });
        using var admin = new AdminClient(server);
        using var user = await TestUser.Create(server).SignedUpAsync();
        string[] paths = ["/pub/app/a", "/pub/app/b", "/pub/app/deep/c", "/pub/other/d", "/priv/e"];
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync(path, "x")).StatusCode);
        }

        var deleted = await admin.SendAsync(HttpMethod.Delete, $"/users/{user.Z32}/files");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("""{"deleted_files":5}""", await deleted.Content.ReadAsStringAsync());
        var usage = await admin.GetJsonAsync($"/users/{user.Z32}/usage");
        Assert.Equal((0, 0), (usage["used_bytes"]!.GetValue<long>(), usage["files"]!.GetValue<long>()));
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/app/a")).StatusCode);
    }

    [Fact]
    public async Task Each_deleted_file_records_a_DEL_event()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutTextAsync("/pub/reclaim/evented.txt", "x");

        await _admin.SendAsync(HttpMethod.Delete, $"/users/{user.Z32}/files");

        var events = await (await user.GetAsync("/events/?limit=1000")).Content.ReadAsStringAsync();
        Assert.Contains($"DEL pubky://{user.Z32}/pub/reclaim/evented.txt", events);
    }

    [Fact]
    public async Task An_unknown_user_is_404_User_not_found()
    {
        using var stranger = Keypair.Random();

        var response = await _admin.SendAsync(HttpMethod.Delete, $"/users/{stranger.PublicKey.Z32}/files");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("User not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_key_is_400_Invalid_public_key()
    {
        var response = await _admin.SendAsync(HttpMethod.Delete, "/users/not-a-key/files");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _admin.Dispose();
}
