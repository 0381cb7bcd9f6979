namespace Pubky.Client.Storage;

/// <summary>
/// A file's metadata from HEAD or GET: its length, content type, ETag (the quoted base64 BLAKE3 hash of the body) and
/// last-modified time (spec A5 and A7.3).
/// </summary>
public sealed record ResourceStats(long ContentLength, string ContentType, string? ETag, DateTimeOffset? LastModified)
{
    /// <summary>The body's BLAKE3 hash in standard base64: the ETag without its quotes (the events' content_hash).</summary>
    public string? ContentHash => ETag?.Trim('"');

    internal static ResourceStats From(HttpResponseMessage response)
    {
        var headers = response.Content.Headers;
        return new ResourceStats(
            headers.ContentLength ?? 0,
            headers.ContentType?.ToString() ?? "application/octet-stream",
            response.Headers.ETag?.ToString(),
            headers.LastModified);
    }
}
