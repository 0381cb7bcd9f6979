namespace PubkyCluster.Gateway.Http;

/// <summary>
/// Reads small request bodies (AuthTokens, signed packets, relay messages, admin JSON) whole, up to a limit, without
/// trusting Content-Length: Kestrel's global body limit is off (file uploads are streamed and limited per route), so
/// these routes stop reading themselves.
/// </summary>
public static class SmallBody
{
    /// <summary>The reference's body limit for the AuthToken routes.</summary>
    public const int AuthTokenMaxBytes = 2 * 1024 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(16 * 1024, maxBytes + 1)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static IResult TooLarge() => PlainText.Error(StatusCodes.Status413PayloadTooLarge, "Request body is too large");
}
