using System.Net;
using Pubky.Protocol.Hashing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(HomeserverCollection.Name)]
public class StorageTests(SharedHomeserver shared)
{
    private const string Forbidden = "Writing to directories other than '/pub/' and '/priv/' is forbidden";

    private TestHomeserver Server => shared.Server;

    [Fact]
    public async Task A_put_file_is_readable_by_anyone_with_its_headers()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/foo.txt", [0, 1, 2, 3])).StatusCode);
        using var anonymous = TestUser.Create(Server);
        var response = await anonymous.SendAsync(HttpMethod.Get, "/pub/foo.txt", tenant: user.Z32);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, response.Content.Headers.ContentLength);
        Assert.Equal(ContentHash.Compute([0, 1, 2, 3]).ToETag(), response.Headers.ETag?.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl is { Private: true, MustRevalidate: true });
        Assert.Contains("pubky-host", response.Headers.Vary);
    }

    [Fact]
    public async Task The_request_content_type_is_ignored_and_json_is_guessed_from_the_extension()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.SendAsync(HttpMethod.Put, "/pub/data.json", new StringContent("{\"a\":1}", null, "image/png"));
        var response = await user.GetAsync("/pub/data.json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Magic_bytes_win_over_the_extension()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutAsync("/pub/picture.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        Assert.Equal("image/png", (await user.GetAsync("/pub/picture.txt")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_type_is_octet_stream()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutAsync("/pub/blob.unknownext", [1, 2, 3]);
        Assert.Equal("application/octet-stream", (await user.GetAsync("/pub/blob.unknownext")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_answers_the_headers_without_body()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/head.txt", "hello");
        var response = await user.SendAsync(HttpMethod.Head, "/pub/head.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_overwrite_replaces_the_content()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/over.txt", "first");
        await user.PutTextAsync("/pub/over.txt", "second, longer");
        Assert.Equal("second, longer", await (await user.GetAsync("/pub/over.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_removes_the_file_then_answers_404()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/gone.txt", "x");
        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync("/pub/gone.txt")).StatusCode);
        var get = await user.GetAsync("/pub/gone.txt");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("Not Found", await get.Content.ReadAsStringAsync());
        var again = await user.DeleteAsync("/pub/gone.txt");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_empty_file_is_stored_and_read()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/empty", [])).StatusCode);
        var response = await user.GetAsync("/pub/empty");
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_one_mebibyte_body_round_trips()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var body = new byte[1024 * 1024];
        new Random(7).NextBytes(body);
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/big.bin", body)).StatusCode);
        Assert.Equal(body, await (await user.GetAsync("/pub/big.bin")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_matching_if_none_match_is_304()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/etag.txt", "x");
        var etag = (await user.GetAsync("/pub/etag.txt")).Headers.ETag!.ToString();
        var response = await user.SendAsync(HttpMethod.Get, "/pub/etag.txt", configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {etag}"));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_non_matching_if_none_match_is_200_even_with_a_fresh_if_modified_since()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/etag2.txt", "x");
        var response = await user.SendAsync(HttpMethod.Get, "/pub/etag2.txt", configure: r =>
        {
            r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\"");
            r.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddDays(1);
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_if_modified_since_at_or_after_the_modification_is_304()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/ims.txt", "x");
        var lastModified = (await user.GetAsync("/pub/ims.txt")).Content.Headers.LastModified!.Value;
        var same = await user.SendAsync(HttpMethod.Get, "/pub/ims.txt", configure: r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        var earlier = await user.SendAsync(HttpMethod.Get, "/pub/ims.txt", configure: r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact]
    public async Task Writing_without_a_session_is_401()
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        using var stranger = TestUser.Create(Server);
        var response = await stranger.SendAsync(HttpMethod.Put, "/pub/x.txt", new StringContent("x"), tenant: owner.Z32);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No session secret found in cookies", await response.Content.ReadAsStringAsync());
        var delete = await stranger.SendAsync(HttpMethod.Delete, "/pub/x.txt", tenant: owner.Z32);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task An_unknown_session_secret_is_401()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        user.SessionSecret = "ABCDEFGHJKMNPQRSTVWXYZ0123";
        var response = await user.PutTextAsync("/pub/x.txt", "x");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No session found for session secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_users_session_cannot_write_here()
    {
        using var owner = await TestUser.Create(Server).SignedUpAsync();
        using var other = await TestUser.Create(Server).SignedUpAsync();
        var response = await other.SendAsync(HttpMethod.Put, "/pub/x.txt", new StringContent("x"), tenant: owner.Z32, configure: r =>
        {
            r.Headers.Remove("Cookie");
            r.Headers.Add("Cookie", $"{owner.Z32}={other.SessionSecret}");
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Writing_outside_the_capability_is_403()
    {
        using var user = TestUser.Create(Server);
        await user.SignUpAsync("/pub/pubky.app/:rw,/pub/foo.bar/file:r");
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/pubky.app/foo", "x")).StatusCode);
        foreach (var path in new[] { "/pub/pubky.app", "/pub/foo.bar/file", "/pub/other" })
        {
            var response = await user.PutTextAsync(path, "x");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Session does not have write access to path", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_scope_without_trailing_slash_covers_only_that_file()
    {
        using var user = TestUser.Create(Server);
        await user.SignUpAsync("/pub/app:rw");
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/app", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutTextAsync("/pub/app.txt", "x")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/foo")]
    [InlineData("GET", "/pub")]
    [InlineData("GET", "/events")]
    [InlineData("PUT", "/foo/bar.txt")]
    [InlineData("DELETE", "/private/x")]
    public async Task Every_method_outside_pub_and_priv_is_forbidden(string method, string path)
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var response = await user.SendAsync(new HttpMethod(method), path, method == "PUT" ? new StringContent("x") : null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Forbidden, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_without_tenant_is_pubky_host_missing()
    {
        using var http = Server.CreateClient();
        var response = await http.GetAsync(Server.ClientUrl("/pub/x.txt"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Pubky Host is missing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_tenant_may_come_from_the_query_when_host_is_not_a_key()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/q.txt", "query");
        using var http = Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.ClientUrl($"/pub/q.txt?pubky-host={user.Z32}"));
        request.Headers.Host = "non.pubky.host";
        Assert.Equal("query", await (await http.SendAsync(request)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_tenant_may_come_from_a_pubky_host_name()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/h.txt", "host");
        using var http = Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.ClientUrl("/pub/h.txt"));
        request.Headers.Host = "_pubky." + user.Z32;
        Assert.Equal("host", await (await http.SendAsync(request)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_display_form_of_a_key_is_not_a_tenant()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var http = Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, Server.ClientUrl("/pub/x.txt"));
        request.Headers.Add("pubky-host", "pubky" + user.Z32);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_path_addressed_route_reads_and_writes_the_same_files()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/addressed.txt", "same");
        using var http = Server.CreateClient();
        Assert.Equal("same", await http.GetStringAsync(Server.ClientUrl($"/storage/{user.Z32}/pub/addressed.txt")));
        var put = new HttpRequestMessage(HttpMethod.Put, Server.ClientUrl($"/storage/{user.Z32}/pub/addressed2.txt")) { Content = new StringContent("two") };
        put.Headers.Add("Cookie", $"{user.Z32}={user.SessionSecret}");
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(put)).StatusCode);
        Assert.Equal("two", await (await user.GetAsync("/pub/addressed2.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Percent_escapes_are_decoded_once()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/file%25.txt", "pct")).StatusCode);
        var list = await (await user.GetAsync("/pub/")).Content.ReadAsStringAsync();
        Assert.Contains($"pubky://{user.Z32}/pub/file%.txt", list);
    }

    [Fact]
    public async Task Unicode_paths_are_stored_as_is()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/%C3%BCber", "ü")).StatusCode);
        Assert.Equal("ü", await (await user.GetAsync("/pub/%C3%BCber")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/pub/%01control")]
    [InlineData("/pub/../..")]
    [InlineData("/pub/a/../../..")]
    public async Task An_invalid_path_is_400_invalid_url(string path)
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        // Raw, so that no client library normalises the path first.
        var (status, body) = await RawHttp.SendAsync(Server.ClientPort,
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\npubky-host: {user.Z32}\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, status);
        Assert.StartsWith("Invalid URL: ", body);
    }

    [Fact]
    public async Task A_segment_over_255_bytes_is_400()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var response = await user.PutTextAsync("/pub/" + new string('a', 256), "x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Writing_to_a_directory_path_is_400()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await user.PutTextAsync("/pub/dir/", "x")).StatusCode);
    }

    [Fact]
    public async Task A_file_under_an_existing_file_is_a_path_collision()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/a", "file");
        var response = await user.PutTextAsync("/pub/a/b", "below a file");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("File/folder path collision", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/pub/a/b")).StatusCode);
    }

    [Fact]
    public async Task A_file_where_a_directory_exists_is_a_path_collision_until_the_directory_is_empty()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/d/child", "x");
        Assert.Equal(HttpStatusCode.Conflict, (await user.PutTextAsync("/pub/d", "x")).StatusCode);
        await user.DeleteAsync("/pub/d/child");
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/d", "x")).StatusCode);
    }

    [Fact]
    public async Task Other_methods_on_a_file_are_405_after_authorization()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await user.SendAsync(HttpMethod.Post, "/pub/x.txt", new StringContent("x"))).StatusCode);
        user.SessionSecret = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.SendAsync(HttpMethod.Post, "/pub/x.txt", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task Same_content_for_two_users_is_kept_when_one_deletes()
    {
        using var first = await TestUser.Create(Server).SignedUpAsync();
        using var second = await TestUser.Create(Server).SignedUpAsync();
        await first.PutTextAsync("/pub/shared.txt", "identical");
        await second.PutTextAsync("/pub/shared.txt", "identical");
        await first.DeleteAsync("/pub/shared.txt");
        Assert.Equal("identical", await (await second.GetAsync("/pub/shared.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_reflects_the_origin_with_credentials()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var response = await user.SendAsync(HttpMethod.Options, "/pub/x.txt", configure: r =>
        {
            r.Headers.Add("Origin", "https://app.example");
            r.Headers.Add("Access-Control-Request-Method", "PUT");
            r.Headers.Add("Access-Control-Request-Headers", "pubky-host");
        });
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }
}
