using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>Each test runs its own homeserver so that it sees only its own events.</summary>
public class EventsFeedTests
{
    [Fact]
    public async Task An_empty_feed_is_an_empty_body_without_cursor_line()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var http = server.CreateClient();
        var response = await http.GetAsync(server.ClientUrl("/events/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Puts_and_deletes_appear_in_order_with_the_last_id_as_cursor()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        await user.PutTextAsync("/pub/a.com/a.txt", "x");
        await user.DeleteAsync("/pub/a.com/a.txt");
        using var http = server.CreateClient();
        var body = await http.GetStringAsync(server.ClientUrl("/events/"));
        Assert.Equal($"PUT pubky://{user.Z32}/pub/a.com/a.txt\nDEL pubky://{user.Z32}/pub/a.com/a.txt\ncursor: 2", body);
    }

    [Fact]
    public async Task The_cursor_pages_the_feed_ten_at_a_time()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        for (var i = 0; i < 10; i++)
        {
            await user.PutTextAsync($"/pub/e/{i}", "x");
            await user.DeleteAsync($"/pub/e/{i}");
        }
        using var http = server.CreateClient();
        var first = (await http.GetStringAsync(server.ClientUrl("/events/?limit=10"))).Split('\n');
        Assert.Equal(11, first.Length);
        Assert.Equal("cursor: 10", first[^1]);
        var second = (await http.GetStringAsync(server.ClientUrl("/events/?limit=10&cursor=10"))).Split('\n');
        Assert.Equal($"PUT pubky://{user.Z32}/pub/e/5", second[0]);
        Assert.Equal("cursor: 20", second[^1]);
    }

    [Theory]
    [InlineData("/events/?cursor=abc", "Invalid cursor")]
    [InlineData("/events/?reverse=perhaps", "Invalid boolean parameter")]
    public async Task Bad_feed_parameters_are_400(string query, string message)
    {
        await using var server = await TestHomeserver.StartAsync();
        using var http = server.CreateClient();
        var response = await http.GetAsync(server.ClientUrl(query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Once_a_put_event_is_visible_the_file_is_readable()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        await user.PutTextAsync("/pub/read-after-event.txt", "visible");
        var (lines, _) = await EventFeedReader.ReadFromAsync(server, 0);
        Assert.Contains($"PUT pubky://{user.Z32}/pub/read-after-event.txt", lines);
        Assert.Equal(HttpStatusCode.OK, (await user.SendAsync(HttpMethod.Head, "/pub/read-after-event.txt")).StatusCode);
        Assert.Equal("visible", await (await user.GetAsync("/pub/read-after-event.txt")).Content.ReadAsStringAsync());
    }
}
