using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

[Collection(HomeserverCollection.Name)]
public sealed class AdminWebDavDeleteTests(SharedHomeserver shared) : IDisposable
{
    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Delete_of_a_public_file_is_204_and_the_file_is_gone()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutTextAsync("/pub/admin/gone.txt", "bye");

        var response = await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}/pub/admin/gone.txt");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/admin/gone.txt")).StatusCode);
    }

    [Fact]
    public async Task Delete_releases_the_files_bytes_from_usage()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutAsync("/pub/admin/kept.bin", new byte[10]);
        await user.PutAsync("/pub/admin/deleted.bin", new byte[1000]);

        await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}/pub/admin/deleted.bin");

        var usage = await _admin.GetJsonAsync($"/users/{user.Z32}/usage");
        Assert.Equal(10 + 256, usage["used_bytes"]!.GetValue<long>());
        Assert.Equal(1, usage["files"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_records_a_DEL_event()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutTextAsync("/pub/admin/evented.txt", "x");

        await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}/pub/admin/evented.txt");

        var events = await (await user.GetAsync("/events/?limit=1000")).Content.ReadAsStringAsync();
        Assert.Contains($"DEL pubky://{user.Z32}/pub/admin/evented.txt", events);
    }

    [Fact]
    public async Task Delete_of_a_private_file_is_204()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutTextAsync("/priv/admin/secret.txt", "s");

        var response = await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}/priv/admin/secret.txt");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Delete_of_a_missing_file_is_404_Not_Found()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();

        var response = await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}/pub/admin/never.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_for_an_unknown_user_is_404_Not_Found()
    {
        var response = await _admin.SendAsync(HttpMethod.Delete, "/webdav/yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no/pub/x.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/other/file.txt")]
    [InlineData("")]
    public async Task Delete_outside_pub_and_priv_is_400(string path)
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();

        var response = await _admin.SendAsync(HttpMethod.Delete, $"/webdav/{user.Z32}{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_with_an_invalid_key_is_400_Invalid_public_key()
    {
        var response = await _admin.SendAsync(HttpMethod.Delete, "/webdav/not-a-key/pub/x.txt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _admin.Dispose();
}
