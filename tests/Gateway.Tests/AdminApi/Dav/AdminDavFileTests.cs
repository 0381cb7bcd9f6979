using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>GET, HEAD, PUT, DELETE and MKCOL as the operator: no session, the same entries, quota and events as the user's own.</summary>
public sealed class AdminDavFileTests(DavHomeserver fixture) : IClassFixture<DavHomeserver>, IDisposable
{
    private readonly DavClient _dav = new(fixture.Server);

    private TestHomeserver Server => fixture.Server;

    [Fact]
    public async Task GET_of_a_file_streams_its_body_with_its_type_and_etag()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var body = new byte[300_000];
        Random.Shared.NextBytes(body);
        await user.PutAsync("/pub/dav/big.bin", body);
        var etag = (await user.GetAsync("/pub/dav/big.bin")).Headers.ETag!.Tag;

        using var response = await _dav.SendAsync("GET", $"/dav/{user.Z32}/pub/dav/big.bin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(etag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task GET_of_a_private_file_needs_no_session()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/priv/dav/secret.txt", "s3cret");

        using var response = await _dav.SendAsync("GET", $"/dav/{user.Z32}/priv/dav/secret.txt");

        Assert.Equal("s3cret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Answers_are_never_cached()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/priv/dav/uncached.txt", "u");

        using var response = await _dav.SendAsync("GET", $"/dav/{user.Z32}/priv/dav/uncached.txt");

        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task HEAD_of_a_file_gives_its_length_and_no_body()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/head.txt", "12345");

        using var response = await _dav.SendAsync("HEAD", $"/dav/{user.Z32}/pub/dav/head.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GET_of_a_directory_is_an_HTML_index_of_its_children()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        foreach (var name in new[] { "a.txt", "b.txt", "c/d.txt" })
        {
            await user.PutTextAsync("/pub/index/" + name, name);
        }

        using var response = await _dav.SendAsync("GET", $"/dav/{user.Z32}/pub/index/");

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/dav/{user.Z32}/pub/index/a.txt\"", html);
        Assert.Contains($"href=\"/dav/{user.Z32}/pub/index/b.txt\"", html);
        Assert.Contains($"href=\"/dav/{user.Z32}/pub/index/c/\"", html);
    }

    [Fact]
    public async Task PUT_stores_a_file_the_client_API_then_serves()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var put = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/dav/by-admin.json", new StringContent("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = await user.GetAsync("/pub/dav/by-admin.json");
        Assert.Equal("{\"a\":1}", await get.Content.ReadAsStringAsync());
        Assert.Equal("application/json", get.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task PUT_records_a_PUT_event_in_the_users_feed()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/dav/evented.txt", new StringContent("e"));

        var events = await (await user.GetAsync("/events/?limit=1000")).Content.ReadAsStringAsync();
        Assert.Contains($"PUT pubky://{user.Z32}/pub/dav/evented.txt", events);
    }

    [Fact]
    public async Task PUT_counts_in_the_users_used_bytes()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var admin = new AdminClient(Server);

        await _dav.SendAsync("PUT", $"/dav/{user.Z32}/priv/dav/counted.bin", new ByteArrayContent(new byte[100]));

        var usage = await admin.GetJsonAsync($"/users/{user.Z32}/usage");
        Assert.Equal(100 + 256, usage["used_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task PUT_over_the_users_quota_is_507()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var admin = new AdminClient(Server);
        await admin.SendAsync(HttpMethod.Patch, $"/users/{user.Z32}/quota", "{\"storage_quota_mb\":1}");

        using var put = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/dav/huge.bin", new ByteArrayContent(new byte[1_100_000]));

        Assert.Equal(HttpStatusCode.InsufficientStorage, put.StatusCode);
        Assert.Equal("Disk space quota of 1.0 MB exceeded. Write operation failed.", await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PUT_for_a_disabled_user_is_allowed_to_the_operator()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var admin = new AdminClient(Server);
        await admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable");

        using var put = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/dav/while-disabled.txt", new StringContent("d"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task PUT_over_a_directory_is_409_File_folder_path_collision()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/folder/inside.txt", "i");

        using var put = await _dav.SendAsync("PUT", $"/dav/{user.Z32}/pub/dav/folder", new StringContent("f"));

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal("File/folder path collision", await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DELETE_of_a_file_is_204_and_records_a_DEL_event()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/doomed.txt", "x");

        using var delete = await _dav.SendAsync("DELETE", $"/dav/{user.Z32}/pub/dav/doomed.txt");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/dav/doomed.txt")).StatusCode);
        var events = await (await user.GetAsync("/events/?limit=1000")).Content.ReadAsStringAsync();
        Assert.Contains($"DEL pubky://{user.Z32}/pub/dav/doomed.txt", events);
    }

    [Fact]
    public async Task DELETE_of_a_directory_deletes_every_file_below_it()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        foreach (var path in new[] { "/pub/tree/a.txt", "/pub/tree/b/c.txt", "/pub/tree/b/d.txt", "/pub/tree/e.txt", "/pub/kept.txt" })
        {
            await user.PutTextAsync(path, path);
        }

        using var delete = await _dav.SendAsync("DELETE", $"/dav/{user.Z32}/pub/tree/");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var listing = await (await user.GetAsync("/pub/?limit=100")).Content.ReadAsStringAsync();
        Assert.Equal($"pubky://{user.Z32}/pub/kept.txt", listing);
    }

    [Fact]
    public async Task DELETE_of_a_missing_file_is_404_Not_Found()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var delete = await _dav.SendAsync("DELETE", $"/dav/{user.Z32}/pub/dav/never.txt");

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("Not Found", await delete.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MKCOL_of_a_new_directory_is_201_and_stores_nothing()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var mkcol = await _dav.SendAsync("MKCOL", $"/dav/{user.Z32}/pub/fresh/");

        Assert.Equal(HttpStatusCode.Created, mkcol.StatusCode);
        using var propfind = await _dav.SendAsync("PROPFIND", $"/dav/{user.Z32}/pub/fresh/", depth: "0");
        Assert.Equal(HttpStatusCode.NotFound, propfind.StatusCode);
    }

    [Fact]
    public async Task MKCOL_of_an_existing_directory_is_405()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/there/file.txt", "f");

        using var mkcol = await _dav.SendAsync("MKCOL", $"/dav/{user.Z32}/pub/there");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, mkcol.StatusCode);
    }

    [Fact]
    public async Task A_method_not_served_is_405_with_the_methods_that_are()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var response = await _dav.SendAsync("LOCK", $"/dav/{user.Z32}/pub/x.txt");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("PROPFIND", response.Content.Headers.Allow);
    }

    public void Dispose() => _dav.Dispose();
}
