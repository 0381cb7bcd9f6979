using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>What /dav/{user}/{path} accepts: a bare z32 key, then a path under pub/ or priv/ by the WebDAV path rules (spec A6).</summary>
public sealed class AdminDavPathTests(DavHomeserver fixture) : IClassFixture<DavHomeserver>, IDisposable
{
    private readonly DavClient _dav = new(fixture.Server);

    private TestHomeserver Server => fixture.Server;

    [Theory]
    [InlineData("/dav/not-a-key/pub/x.txt")]
    [InlineData("/dav/")]
    public async Task A_malformed_key_is_400_Invalid_public_key(string path)
    {
        using var response = await _dav.SendAsync("PROPFIND", path, depth: "0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_path_outside_pub_and_priv_is_400()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var response = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/other/x.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Invalid path: expected /dav/<public key>/pub/<path> or /dav/<public key>/priv/<path>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_segment_longer_than_255_bytes_is_400_Invalid_URL()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var response = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/{new string('a', 256)}", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Invalid URL: ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_user_is_404_Not_Found()
    {
        using var response = await _dav.SendAsync("PROPFIND", "/dav/yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no/", depth: "0");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_PUT_for_an_unknown_user_is_404_Not_Found()
    {
        using var response = await _dav.SendAsync(
            "PUT", "/dav/yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no/pub/x.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _dav.Dispose();
}
