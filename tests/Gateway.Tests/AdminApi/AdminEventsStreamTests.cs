using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>The operator's GET /events-stream: every event, private ones included, by one global cursor.</summary>
[Collection(HomeserverCollection.Name)]
public sealed class AdminEventsStreamTests(SharedHomeserver shared) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = shared.Server.CreateClient();

    private TestHomeserver Server => shared.Server;

    /// <summary>A directory no other test writes under, so a stream over all users can be narrowed to this test's events.</summary>
    private readonly string _dir = "admin-stream-" + Guid.NewGuid().ToString("N");

    private async Task<SseReader> Open(string query, string password = TestHomeserver.AdminPassword)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Server.AdminUrl("/events-stream?" + query));
        request.Headers.Add("X-Admin-Password", password);
        return new SseReader(await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    private async Task<List<SseMessage>> ReadAll(string query)
    {
        using var stream = await Open(query);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        var messages = await stream.ReadAsync(1000, Wait);
        Assert.True(await stream.EndsWithinAsync(Wait));
        return messages;
    }

    private static long CursorOf(SseMessage message) => long.Parse(message.Data[1]["cursor: ".Length..]);

    private async Task<TestUser> UserWhoWrote(params string[] paths)
    {
        var user = await TestUser.Create(Server).SignedUpAsync();
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync(path, path)).StatusCode);
        }
        return user;
    }

    [Fact]
    public async Task A_batch_over_all_users_includes_public_and_private_events_and_is_never_cached()
    {
        using var user = await UserWhoWrote($"/pub/{_dir}/note.txt", $"/priv/{_dir}/secret.txt");

        using var stream = await Open($"path=/pub/{_dir}/&path=/priv/{_dir}/");
        var messages = await stream.ReadAsync(10, Wait);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal(
            [$"pubky://{user.Z32}/pub/{_dir}/note.txt", $"pubky://{user.Z32}/priv/{_dir}/secret.txt"],
            messages.Select(m => m.Data[0]));
        Assert.Equal(["PUT", "PUT"], messages.Select(m => m.Event));
        Assert.True(await stream.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task A_user_filter_without_paths_gives_exactly_that_users_public_and_private_events()
    {
        using var alice = await UserWhoWrote("/pub/a.txt", "/priv/a.txt");
        using var bob = await UserWhoWrote("/pub/a.txt", "/priv/a.txt");

        var messages = await ReadAll($"user={alice.Z32}");

        Assert.Equal([$"pubky://{alice.Z32}/pub/a.txt", $"pubky://{alice.Z32}/priv/a.txt"], messages.Select(m => m.Data[0]));
    }

    [Fact]
    public async Task Several_users_are_merged_in_commit_order()
    {
        using var alice = await UserWhoWrote("/pub/1");
        using var bob = await UserWhoWrote("/priv/2");
        Assert.Equal(HttpStatusCode.Created, (await alice.PutTextAsync("/priv/3", "3")).StatusCode);

        var messages = await ReadAll($"user={alice.Z32}&user={bob.Z32}&user={alice.Z32}");

        Assert.Equal(
            [$"pubky://{alice.Z32}/pub/1", $"pubky://{bob.Z32}/priv/2", $"pubky://{alice.Z32}/priv/3"],
            messages.Select(m => m.Data[0]));
    }

    [Fact]
    public async Task A_global_cursor_resumes_after_that_event_for_named_users_and_for_all()
    {
        using var user = await UserWhoWrote($"/pub/{_dir}/1", $"/priv/{_dir}/2", $"/pub/{_dir}/3");
        var first = CursorOf((await ReadAll($"user={user.Z32}"))[0]);

        var named = await ReadAll($"user={user.Z32}&cursor={first}");
        var all = await ReadAll($"cursor={first}&path=/pub/{_dir}/&path=/priv/{_dir}/");

        Assert.Equal([$"pubky://{user.Z32}/priv/{_dir}/2", $"pubky://{user.Z32}/pub/{_dir}/3"], named.Select(m => m.Data[0]));
        Assert.Equal(named.Select(m => m.Data[0]), all.Select(m => m.Data[0]));
    }

    [Fact]
    public async Task Reverse_gives_the_newest_first_and_limit_stops_the_batch()
    {
        using var user = await UserWhoWrote($"/pub/{_dir}/1", $"/priv/{_dir}/2", $"/pub/{_dir}/3");

        var named = await ReadAll($"user={user.Z32}&reverse=true&limit=2");
        var all = await ReadAll($"reverse=1&limit=2&path=/pub/{_dir}/&path=/priv/{_dir}/");

        Assert.Equal([$"pubky://{user.Z32}/pub/{_dir}/3", $"pubky://{user.Z32}/priv/{_dir}/2"], named.Select(m => m.Data[0]));
        Assert.Equal(named.Select(m => m.Data[0]), all.Select(m => m.Data[0]));
    }

    [Fact]
    public async Task An_exact_path_filter_matches_only_that_file()
    {
        using var user = await UserWhoWrote("/pub/a.txt", "/pub/a.txt.bak", "/priv/a.txt");

        var messages = await ReadAll($"user={user.Z32}&path=pub/a.txt");

        Assert.Equal([$"pubky://{user.Z32}/pub/a.txt"], messages.Select(m => m.Data[0]));
    }

    [Fact]
    public async Task Live_mode_for_a_user_delivers_a_new_private_write()
    {
        using var user = await UserWhoWrote("/pub/before.txt");
        using var stream = await Open($"user={user.Z32}&live=true");
        Assert.Equal([$"pubky://{user.Z32}/pub/before.txt"], (await stream.ReadAsync(1, Wait)).Select(m => m.Data[0]));

        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/priv/app/secret.txt", "s")).StatusCode);

        Assert.Equal([$"pubky://{user.Z32}/priv/app/secret.txt"], (await stream.ReadAsync(1, Wait)).Select(m => m.Data[0]));
    }

    [Fact]
    public async Task Live_mode_over_all_users_delivers_a_new_private_write()
    {
        using var stream = await Open($"live=true&path=/priv/{_dir}/");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        using var user = await UserWhoWrote($"/priv/{_dir}/secret.txt");

        Assert.Equal([$"pubky://{user.Z32}/priv/{_dir}/secret.txt"], (await stream.ReadAsync(1, Wait)).Select(m => m.Data[0]));
    }

    [Fact]
    public async Task The_client_feed_never_shows_a_private_write_the_admin_stream_shows()
    {
        using var user = await UserWhoWrote($"/priv/{_dir}/hidden.txt", $"/pub/{_dir}/shown.txt");
        Assert.Equal(2, (await ReadAll($"user={user.Z32}")).Count);

        var (lines, _) = await EventFeedReader.ReadFromAsync(Server, 0);

        Assert.Contains($"PUT pubky://{user.Z32}/pub/{_dir}/shown.txt", lines);
        Assert.DoesNotContain(lines, line => line.Contains("/priv/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cursor=notanumber", "Invalid cursor")]
    [InlineData("cursor=-100", "Invalid cursor")]
    [InlineData("live=true&reverse=true", "Cannot use live mode with reverse ordering")]
    [InlineData("limit=abc", "Invalid limit: abc")]
    [InlineData("limit=0", "limit must be at least 1")]
    [InlineData("limit=65536", "Invalid limit: 65536")]
    [InlineData("user=notakey", "Invalid public key: notakey")]
    [InlineData("user=pubky8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo", "Invalid public key: pubky8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo")]
    public async Task A_bad_parameter_gets_400_with_the_references_text(string query, string text)
    {
        using var stream = await Open(query);

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        Assert.Equal(text, await stream.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task More_than_fifty_distinct_users_get_400()
    {
        var query = string.Join("&", Enumerable.Range(0, 51).Select(_ => "user=" + TestUser.Create(Server).Z32));

        using var stream = await Open(query);

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        Assert.Equal("Too many users. Maximum allowed: 50", await stream.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_user_gets_404_Not_Found()
    {
        using var stream = await Open("user=" + TestUser.Create(Server).Z32);

        Assert.Equal(HttpStatusCode.NotFound, stream.Response.StatusCode);
        Assert.Equal("Not Found", await stream.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_gets_401_like_every_admin_route()
    {
        using var stream = await Open("", password: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, stream.Response.StatusCode);
        Assert.Equal("Invalid admin password", await stream.Response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
