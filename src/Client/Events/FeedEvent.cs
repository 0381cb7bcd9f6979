namespace Pubky.Client.Events;

/// <summary>
/// One event: a write or a delete of <see cref="Url"/>. <see cref="Cursor"/> is its id where the server says it (every
/// <c>/events-stream</c> message; on <c>/events/</c> only the page's last line), and <see cref="ContentHash"/> the written
/// body's BLAKE3 hash in base64 (stream <c>PUT</c> messages only).
/// </summary>
public sealed record FeedEvent(EventKind Kind, PubkyUrl Url, long? Cursor = null, string? ContentHash = null)
{
    internal static EventKind KindOf(string word) => word switch
    {
        "PUT" => EventKind.Put,
        "DEL" => EventKind.Delete,
        _ => throw new FormatException($"Unknown event kind '{word}'."),
    };
}
