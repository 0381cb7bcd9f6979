using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Events;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Events;

public sealed class EventsTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>
{
    [Fact]
    public async Task The_feed_lists_a_write_and_a_delete_with_a_cursor_for_the_next_page()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        var session = await client.SignupAsync(keypair);
        await session.Storage.PutTextAsync("/pub/feed/a.txt", "a");
        await session.Storage.DeleteAsync("/pub/feed/a.txt");

        var mine = new List<FeedEvent>();
        long cursor = 0;
        for (var page = 0; page < 100; page++)
        {
            var events = await client.ReadEventsAsync(cursor, limit: 1000);
            mine.AddRange(events.Events.Where(e => e.Url.User == keypair.PublicKey));
            if (events.Cursor is not { } next)
            {
                break;
            }
            cursor = next;
        }

        Assert.Equal([EventKind.Put, EventKind.Delete], mine.Select(e => e.Kind));
        Assert.All(mine, e => Assert.Equal("/pub/feed/a.txt", e.Url.Path));
        Assert.Empty((await client.ReadEventsAsync(cursor)).Events);
    }

    [Fact]
    public async Task The_stream_sends_a_users_history_with_cursors_and_content_hashes()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        var session = await client.SignupAsync(keypair);
        await session.Storage.PutTextAsync("/pub/s/one.txt", "1");
        await session.Storage.PutTextAsync("/pub/s/two.txt", "2");
        await session.Storage.DeleteAsync("/pub/s/one.txt");

        var events = new List<FeedEvent>();
        await foreach (var e in client.StreamEventsAsync(EventStreamQuery.For(keypair.PublicKey)))
        {
            events.Add(e);
        }

        Assert.Equal(["/pub/s/one.txt", "/pub/s/two.txt", "/pub/s/one.txt"], events.Select(e => e.Url.Path));
        Assert.Equal((await session.Storage.StatsAsync("/pub/s/two.txt"))!.ContentHash, events[1].ContentHash);
        Assert.Null(events[2].ContentHash);
        Assert.True(events[0].Cursor < events[1].Cursor && events[1].Cursor < events[2].Cursor);
    }

    [Fact]
    public async Task The_stream_resumes_after_a_cursor_and_includes_private_paths_for_the_users_session()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        var session = await client.SignupAsync(keypair);
        await session.Storage.PutTextAsync("/pub/r/first.txt", "1");
        await session.Storage.PutTextAsync("/priv/r/second.txt", "2");

        var all = new List<FeedEvent>();
        await foreach (var e in client.StreamEventsAsync(EventStreamQuery.For(keypair.PublicKey, paths: EventStreamQuery.PublicAndPrivate), session))
        {
            all.Add(e);
        }
        var after = new List<FeedEvent>();
        await foreach (var e in client.StreamEventsAsync(EventStreamQuery.For(keypair.PublicKey, all[0].Cursor, paths: EventStreamQuery.PublicAndPrivate), session))
        {
            after.Add(e);
        }

        Assert.Equal(["/pub/r/first.txt", "/priv/r/second.txt"], all.Select(e => e.Url.Path));
        Assert.Equal("/priv/r/second.txt", Assert.Single(after).Url.Path);
    }

    [Fact]
    public async Task A_private_stream_without_a_session_is_a_401()
    {
        using var keypair = Keypair.Random();
        var client = homeserver.NewClient();
        await client.SignupAsync(keypair);

        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(async () =>
        {
            await foreach (var _ in client.StreamEventsAsync(EventStreamQuery.For(keypair.PublicKey, paths: EventStreamQuery.PublicAndPrivate)))
            {
            }
        });

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.Status);
    }
}
