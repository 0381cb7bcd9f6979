using Microsoft.Extensions.Caching.Memory;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Small bodies held in memory by blob id, so a GET of a small file makes no blob-store round trip. A body is
/// immutable under its id (<see cref="BlobIds"/>), so the entry the grain returns decides alone what is served.
/// </summary>
public sealed class BodyCache(IOptions<BodyCacheOptions> options, IBlobStore blobs) : IDisposable
{
    private readonly BodyCacheOptions _options = options.Value;
    private readonly MemoryCache _bodies = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MaxBytes) });

    /// <summary>Whether bodies of <paramref name="length"/> bytes are served through <see cref="GetAsync"/>.</summary>
    public bool Holds(long length) => _options.MaxBytes > 0 && length <= _options.MaxBodyBytes;

    /// <summary>The whole body of a blob <see cref="Holds"/> accepts, cached or read once and kept; null when the blob is gone.</summary>
    /// <remarks>A hit completes synchronously and allocates nothing: it is most public GETs.</remarks>
    public ValueTask<byte[]?> GetAsync(string blobId, long length, CancellationToken cancellationToken) =>
        _bodies.TryGetValue(blobId, out byte[]? cached)
            ? ValueTask.FromResult<byte[]?>(cached)
            : new ValueTask<byte[]?>(ReadAndKeepAsync(blobId, length, cancellationToken));

    private async Task<byte[]?> ReadAndKeepAsync(string blobId, long length, CancellationToken cancellationToken)
    {
        if (await blobs.OpenReadAsync(blobId, cancellationToken) is not { } stream)
        {
            return null;
        }
        byte[] body;
        await using (stream)
        {
            using var buffer = new MemoryStream((int)length);
            await stream.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        _bodies.Set(blobId, body, new MemoryCacheEntryOptions { Size = Math.Max(1, body.Length) });
        return body;
    }

    public void Dispose() => _bodies.Dispose();
}
