using System.Text;
using Pubky.Protocol.Events;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Resources;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Events;

/// <summary>The <c>/events/</c> page and one <c>/events-stream</c> SSE message.</summary>
public class EventFeedFormatTests
{
    private const string Uri = "pubky://" + Vectors.ZeroSecretZ32 + "/pub/a.com/a.txt";
    private const string ExampleUri = "pubky://" + Vectors.ZeroSecretZ32 + "/pub/example.txt";
    private const string ExampleHash = "r0NJufX5oaagQE3qNtzJSZvLJcmtwRK3zJqTyuQfMmI=";

    private static readonly ContentHash Hash = ContentHash.ParseBase64(ExampleHash);

    [Fact]
    public void Page_lists_lines_then_the_last_cursor_without_trailing_newline()
    {
        PubkyEvent[] events =
        [
            new(41, EventKind.Put, PubkyResource.Parse(Uri), Hash),
            new(42, EventKind.Delete, PubkyResource.Parse(Uri), null),
        ];
        Assert.Equal("PUT " + Uri + "\nDEL " + Uri + "\ncursor: 42", EventFeedFormat.FormatPage(events));
    }

    [Fact]
    public void Page_without_events_is_empty() => Assert.Equal(string.Empty, EventFeedFormat.FormatPage([]));

    [Fact]
    public void Page_from_stored_parts_is_the_page_of_the_same_events()
    {
        FeedEntry[] stored =
        [
            new(41, EventKind.Put, Vectors.ZeroSecretZ32, "/pub/a.com/a.txt"),
            new(42, EventKind.Delete, Vectors.ZeroSecretZ32, "/pub/a.com/a.txt"),
        ];

        var page = EventFeedFormat.AppendPage(new StringBuilder(), stored).ToString();

        Assert.Equal("PUT " + Uri + "\nDEL " + Uri + "\ncursor: 42", page);
    }

    [Fact]
    public void Put_sse_message_matches_the_spec_example() =>
        Assert.Equal(
            "event: PUT\n"
            + "data: " + ExampleUri + "\n"
            + "data: cursor: 42\n"
            + "data: content_hash: " + ExampleHash + "\n"
            + "\n",
            EventFeedFormat.FormatSseMessage(new PubkyEvent(42, EventKind.Put, PubkyResource.Parse(ExampleUri), Hash)));

    [Fact]
    public void Del_sse_message_has_no_content_hash_line() =>
        Assert.Equal(
            "event: DEL\ndata: " + ExampleUri + "\ndata: cursor: 7\n\n",
            EventFeedFormat.FormatSseMessage(new PubkyEvent(7, EventKind.Delete, PubkyResource.Parse(ExampleUri), null)));

    [Fact]
    public void Sse_message_has_no_id_field() =>
        Assert.DoesNotContain(
            "\nid:",
            "\n" + EventFeedFormat.FormatSseMessage(new PubkyEvent(1, EventKind.Put, PubkyResource.Parse(ExampleUri), Hash)));

    [Fact]
    public void Put_event_without_a_hash_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PubkyEvent(1, EventKind.Put, PubkyResource.Parse(Uri), null));

    [Fact]
    public void Del_event_with_a_hash_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PubkyEvent(1, EventKind.Delete, PubkyResource.Parse(Uri), Hash));
}
