using System.Buffers;
using Pubky.Protocol.Hashing;
using PubkyCluster.Gateway.Throttling;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Streams a request body into a fresh blob while hashing (BLAKE3) and counting it: the body is never held whole and
/// never travels through a grain. Nothing is readable until the upload completes durably.
/// </summary>
public sealed class BodyUploader(IBlobStore blobs, ContentTypeSniffer sniffer, IOptions<LimitsOptions> limits, TimeProvider clock)
{
    private const int ChunkSize = 64 * 1024;

    public long MaxBodyBytes => limits.Value.MaxBodyBytes;

    /// <summary>
    /// The durable blob, or null when the body exceeded <see cref="MaxBodyBytes"/> (nothing is kept then). Its id names
    /// <paramref name="owner"/> (the tenant's z32 key), so the orphan sweeper finds its reference from the id alone.
    /// A <paramref name="throttle"/> slows the upload by waiting between reads, never inside one: Kestrel's minimum
    /// request body rate only times reads the app is waiting on, so a slowed upload is never cut as a trickling client.
    /// </summary>
    public async Task<UploadedBody?> UploadAsync(
        Stream body, string owner, string path, RequestThrottle? throttle, CancellationToken cancellationToken)
    {
        var blobId = BlobIds.New(owner);
        var hasher = new Blake3Hasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var upload = await blobs.BeginUploadAsync(blobId, cancellationToken);
            long length = 0;
            string? contentType = null;
            while (true)
            {
                // Fill at least the sniffing prefix before looking at it, whatever sizes the client's writes arrive in.
                var read = await ReadAtLeastAsync(body, buffer, contentType is null ? ContentTypeSniffer.PrefixLength : 1, cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > MaxBodyBytes)
                {
                    return null;
                }
                if (throttle is not null)
                {
                    await throttle.PassAsync(read, cancellationToken);
                }
                contentType ??= sniffer.Sniff(buffer.AsSpan(0, read), path);
                hasher.Append(buffer.AsSpan(0, read));
                await upload.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await upload.CompleteAsync(cancellationToken);
            // Read right after the body became durable: the grain measures the commit's delay from here.
            var uploadedAt = clock.GetUtcNow();
            return new UploadedBody(blobId, hasher.Finish(), length, contentType ?? sniffer.Sniff([], path), uploadedAt);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadAtLeastAsync(Stream body, byte[] buffer, int minimum, CancellationToken cancellationToken) =>
        await body.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), minimum, throwOnEndOfStream: false, cancellationToken);
}

public sealed record UploadedBody(string BlobId, byte[] ContentHash, long Length, string ContentType, DateTimeOffset UploadedAt)
{
    /// <summary>The commit that makes this body visible at <paramref name="path"/>; the session is null for the operator.</summary>
    public PutCommit CommitAt(string path, string? sessionSecretHash, WriteCheck? check) =>
        new(sessionSecretHash, path, BlobId, ContentHash, Length, ContentType, UploadedAt, check);
}
