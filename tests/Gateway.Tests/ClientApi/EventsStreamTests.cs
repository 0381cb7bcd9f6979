using System.Net;
using Pubky.Protocol.Hashing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(HomeserverCollection.Name)]
public class EventsStreamTests(SharedHomeserver shared)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private TestHomeserver Server => shared.Server;

    private async Task<TestUser> UserWithFiles(int puts, int deletes = 0, string directory = "/pub/s/")
    {
        var user = await TestUser.Create(Server).SignedUpAsync();
        for (var i = 0; i < puts; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync($"{directory}{i:D3}", $"content {i}")).StatusCode);
        }
        for (var i = 0; i < deletes; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"{directory}{i:D3}")).StatusCode);
        }
        return user;
    }

    private async Task<SseReader> Open(string query)
    {
        var http = Server.CreateClient();
        return await SseReader.OpenAsync(http, Server.ClientUrl("/events-stream?" + query));
    }

    [Fact]
    public async Task Batch_mode_sends_history_then_closes()
    {
        using var user = await UserWithFiles(5, 1);
        using var stream = await Open($"user={user.Z32}");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var messages = await stream.ReadAsync(100, Wait);
        Assert.Equal(["PUT", "PUT", "PUT", "PUT", "PUT", "DEL"], messages.Select(m => m.Event));
        Assert.True(await stream.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task A_put_message_carries_uri_cursor_and_the_etag_as_content_hash()
    {
        using var user = await UserWithFiles(1, 1);
        var etag = ContentHash.Compute("content 0"u8).ToBase64();
        using var stream = await Open($"user={user.Z32}");
        var messages = await stream.ReadAsync(2, Wait);
        Assert.Equal($"pubky://{user.Z32}/pub/s/000", messages[0].Data[0]);
        Assert.StartsWith("cursor: ", messages[0].Data[1]);
        Assert.Equal($"content_hash: {etag}", messages[0].Data[2]);
        Assert.Equal(2, messages[1].Data.Count); // DEL has no content_hash
    }

    [Fact]
    public async Task Limit_counts_across_pages_and_closes()
    {
        using var user = await UserWithFiles(120);
        using var stream = await Open($"user={user.Z32}&limit=105");
        Assert.Equal(105, (await stream.ReadAsync(200, Wait)).Count);
        Assert.True(await stream.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task Reverse_is_exactly_the_reverse_order()
    {
        using var user = await UserWithFiles(4);
        using var forward = await Open($"user={user.Z32}");
        using var backward = await Open($"user={user.Z32}&reverse=true");
        var forwardUris = (await forward.ReadAsync(10, Wait)).Select(m => m.Data[0]).ToList();
        var backwardUris = (await backward.ReadAsync(10, Wait)).Select(m => m.Data[0]).ToList();
        forwardUris.Reverse();
        Assert.Equal(forwardUris, backwardUris);
    }

    [Fact]
    public async Task Only_the_requested_users_are_streamed_each_from_its_cursor()
    {
        using var a = await UserWithFiles(3);
        using var b = await UserWithFiles(3);
        using var c = await UserWithFiles(3);
        using var first = await Open($"user={a.Z32}&user={b.Z32}");
        var all = await first.ReadAsync(10, Wait);
        Assert.Equal(6, all.Count);
        Assert.DoesNotContain(all, m => m.Data[0].Contains(c.Z32));
        var aCursor = all.First(m => m.Data[0].Contains(a.Z32)).Data[1]["cursor: ".Length..];
        using var resumed = await Open($"user={a.Z32}:{aCursor}&user={b.Z32}:999999999999");
        Assert.Equal(2, (await resumed.ReadAsync(10, Wait)).Count);
    }

    [Fact]
    public async Task A_directory_filter_matches_under_it_and_a_file_filter_only_that_file()
    {
        using var user = await UserWithFiles(2, 0, "/pub/files/");
        await user.PutTextAsync("/pub/my_folder/x", "x");
        await user.PutTextAsync("/pub/myxfolder/y", "y");
        await user.PutTextAsync("/pub/test.txt", "t");
        await user.PutTextAsync("/pub/test.txt.bak", "b");
        using var directory = await Open($"user={user.Z32}&path=/pub/files/");
        Assert.Equal(2, (await directory.ReadAsync(10, Wait)).Count);
        using var underscore = await Open($"user={user.Z32}&path=pub/my_folder/");
        Assert.Single(await underscore.ReadAsync(10, Wait));
        using var exact = await Open($"user={user.Z32}&path=/pub/test.txt");
        Assert.Single(await exact.ReadAsync(10, Wait));
    }

    [Fact]
    public async Task Live_mode_delivers_history_then_new_writes()
    {
        using var user = await UserWithFiles(2);
        using var stream = await Open($"user={user.Z32}&live=true");
        Assert.Equal(2, (await stream.ReadAsync(2, Wait)).Count);
        await user.PutTextAsync("/pub/live.txt", "new");
        var live = await stream.ReadAsync(1, Wait);
        Assert.Equal($"pubky://{user.Z32}/pub/live.txt", Assert.Single(live).Data[0]);
    }

    [Fact]
    public async Task Live_mode_for_a_user_without_events_stays_open_and_receives()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var stream = await Open($"user={user.Z32}&live=1");
        await user.PutTextAsync("/pub/first.txt", "1");
        Assert.Single(await stream.ReadAsync(1, Wait));
    }

    [Fact]
    public async Task Live_mode_with_a_limit_closes_at_the_limit()
    {
        using var user = await UserWithFiles(1);
        using var stream = await Open($"user={user.Z32}&live=true&limit=2");
        Assert.Single(await stream.ReadAsync(1, Wait));
        await user.PutTextAsync("/pub/second.txt", "2");
        Assert.Single(await stream.ReadAsync(1, Wait));
        Assert.True(await stream.EndsWithinAsync(Wait));
    }

    [Fact]
    public async Task Private_writes_are_not_streamed_without_a_filter_for_them()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/priv/p.txt", "p");
        await user.PutTextAsync("/pub/p.txt", "p");
        using var stream = await Open($"user={user.Z32}");
        Assert.Equal($"pubky://{user.Z32}/pub/p.txt", Assert.Single(await stream.ReadAsync(10, Wait)).Data[0]);
    }

    [Fact]
    public async Task A_private_filter_needs_the_owners_session()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/priv/p.txt", "p");
        using var http = Server.CreateClient();
        var anonymous = await http.GetAsync(Server.ClientUrl($"/events-stream?user={user.Z32}&path=/priv/"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, Server.ClientUrl($"/events-stream?user={user.Z32}&path=/priv/"));
        request.Headers.Add("Cookie", $"{user.Z32}={user.SessionSecret}");
        using var owner = new SseReader(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        Assert.Single(await owner.ReadAsync(10, Wait));
    }

    [Fact]
    public async Task Validation_errors_are_400_with_the_reference_texts()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        using var http = Server.CreateClient();
        var tooMany = string.Join("&", Enumerable.Range(0, 51).Select(_ => "user=" + user.Z32));
        var cases = new (string Query, HttpStatusCode Status, string Text)[]
        {
            ("", HttpStatusCode.BadRequest, "user parameter is required"),
            (tooMany, HttpStatusCode.BadRequest, "Too many users. Maximum allowed: 50"),
            ("user=notakey", HttpStatusCode.BadRequest, "Invalid public key: notakey"),
            ($"user=pubky{user.Z32}", HttpStatusCode.BadRequest, $"Invalid public key: pubky{user.Z32}"),
            ($"user={user.Z32}:abc123xyz", HttpStatusCode.BadRequest, "Invalid cursor: abc123xyz"),
            ($"user={user.Z32}&live=true&reverse=true", HttpStatusCode.BadRequest, "Cannot use live mode with reverse ordering"),
            ($"user={user.Z32}&limit=x", HttpStatusCode.BadRequest, "Invalid limit: x"),
            ($"user={user.Z32}&limit=0", HttpStatusCode.BadRequest, "limit must be at least 1"),
            ($"user={TestUser.Create(Server).Z32}", HttpStatusCode.NotFound, "Not Found"),
        };
        foreach (var (query, status, text) in cases)
        {
            var response = await http.GetAsync(Server.ClientUrl("/events-stream?" + query));
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(text, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("-100")]
    [InlineData("999999999")]
    public async Task Any_integer_cursor_is_accepted(string cursor)
    {
        using var user = await UserWithFiles(1);
        using var stream = await Open($"user={user.Z32}:{cursor}");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        await stream.ReadAsync(10, Wait);
        Assert.True(await stream.EndsWithinAsync(Wait));
    }
}
