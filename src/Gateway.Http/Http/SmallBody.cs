namespace PubkyCluster.Gateway.Http;

/// <summary>Reads a small request body (an AuthToken) whole; the reference's limit for these routes is 2 MiB.</summary>
public static class SmallBody
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static IResult TooLarge() => PlainText.Error(StatusCodes.Status413PayloadTooLarge, "Request body is too large");
}
