using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>Full /events/ pages are kept as served; the feed's tail is always read again.</summary>
public sealed class FeedPageCacheTests
{
    [Fact]
    public void A_full_page_is_kept_by_cursor_and_limit()
    {
        using var cache = Cache(new FeedPageCacheOptions());

        cache.Offer(cursor: 10, limit: 2, events: 2, [1, 2]);

        Assert.Equal(new byte[] { 1, 2 }, cache.Get(10, 2));
        Assert.Null(cache.Get(10, 3));
        Assert.Null(cache.Get(11, 2));
    }

    [Fact]
    public void A_page_shorter_than_its_limit_is_not_kept()
    {
        using var cache = Cache(new FeedPageCacheOptions());

        cache.Offer(cursor: 10, limit: 3, events: 2, [1, 2]);

        Assert.Null(cache.Get(10, 3));
    }

    [Fact]
    public void No_memory_keeps_nothing()
    {
        using var cache = Cache(new FeedPageCacheOptions { MaxBytes = 0 });

        cache.Offer(cursor: 10, limit: 2, events: 2, [1, 2]);

        Assert.Null(cache.Get(10, 2));
    }

    [Fact]
    public async Task The_feeds_tail_shows_events_committed_after_it_was_read_and_a_full_page_is_served_unchanged()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        using var http = server.CreateClient();
        await user.PutTextAsync("/pub/a", "x");
        await user.PutTextAsync("/pub/b", "x");
        var full = await http.GetStringAsync(server.ClientUrl("/events/?limit=2"));
        var tail = await http.GetStringAsync(server.ClientUrl("/events/?limit=2&cursor=2"));

        await user.PutTextAsync("/pub/c", "x");

        Assert.Equal("", tail);
        Assert.Equal(full, await http.GetStringAsync(server.ClientUrl("/events/?limit=2")));
        Assert.Equal($"PUT pubky://{user.Z32}/pub/c\ncursor: 3", await http.GetStringAsync(server.ClientUrl("/events/?limit=2&cursor=2")));
    }

    private static FeedPageCache Cache(FeedPageCacheOptions options) => new(Options.Create(options));
}
