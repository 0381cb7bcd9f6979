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
    public void PageListsLinesThenTheLastCursorWithoutTrailingNewline()
    {
        PubkyEvent[] events =
        [
            new(41, EventKind.Put, PubkyResource.Parse(Uri), Hash),
            new(42, EventKind.Delete, PubkyResource.Parse(Uri), null),
        ];
        Assert.Equal("PUT " + Uri + "\nDEL " + Uri + "\ncursor: 42", EventFeedFormat.FormatPage(events));
    }

    [Fact]
    public void PageWithoutEventsIsEmpty() => Assert.Equal(string.Empty, EventFeedFormat.FormatPage([]));

    [Fact]
    public void PutSseMessageMatchesTheSpecExample() =>
        Assert.Equal(
            "event: PUT\n"
            + "data: " + ExampleUri + "\n"
            + "data: cursor: 42\n"
            + "data: content_hash: " + ExampleHash + "\n"
            + "\n",
            EventFeedFormat.FormatSseMessage(new PubkyEvent(42, EventKind.Put, PubkyResource.Parse(ExampleUri), Hash)));

    [Fact]
    public void DelSseMessageHasNoContentHashLine() =>
        Assert.Equal(
            "event: DEL\ndata: " + ExampleUri + "\ndata: cursor: 7\n\n",
            EventFeedFormat.FormatSseMessage(new PubkyEvent(7, EventKind.Delete, PubkyResource.Parse(ExampleUri), null)));

    [Fact]
    public void SseMessageHasNoIdField() =>
        Assert.DoesNotContain(
            "\nid:",
            "\n" + EventFeedFormat.FormatSseMessage(new PubkyEvent(1, EventKind.Put, PubkyResource.Parse(ExampleUri), Hash)));

    [Fact]
    public void PutEventWithoutAHashIsRefused() =>
        Assert.Throws<ArgumentException>(() => new PubkyEvent(1, EventKind.Put, PubkyResource.Parse(Uri), null));

    [Fact]
    public void DelEventWithAHashIsRefused() =>
        Assert.Throws<ArgumentException>(() => new PubkyEvent(1, EventKind.Delete, PubkyResource.Parse(Uri), Hash));
}
