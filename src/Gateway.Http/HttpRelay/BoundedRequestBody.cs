namespace PubkyCluster.Gateway.HttpRelay;

/// <summary>
/// Reads small request bodies whole, up to a limit, without trusting Content-Length: Kestrel's global body limit is off
/// (file uploads are streamed and limited per route), so the small-body APIs must stop reading themselves.
/// </summary>
public static class BoundedRequestBody
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        // One byte more than allowed tells an oversized chunked body from one of exactly the limit.
        var buffer = new byte[(int)(request.ContentLength ?? maxBytes) + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }
        return filled > maxBytes ? null : buffer[..filled];
    }
}
