using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Blobs;

/// <summary>
/// Buffers writes into blocks of <see cref="BlockBytes"/>. A body of one block or less is stored on completion by one
/// request (refusing to replace an existing blob), with nothing to sweep before. A larger body first writes the upload
/// marker, so an abandoned upload is listed for the orphan sweeper, then stages each full block; completing stages the
/// rest, commits the block list and removes the marker.
/// </summary>
internal sealed class AzureBlobUpload(string blobId, BlockBlobClient body, BlockBlobClient marker) : IBlobUpload
{
    /// <summary>4 MiB: few requests per body, bounded memory per upload, far below the 50,000-block limit at 190 GiB.</summary>
    internal const int BlockBytes = IBlobStore.MaxBufferedUploadBytes;

    private readonly List<string> _blockIds = [];
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private int _buffered;
    private bool _marked;
    private bool _completed;

    public string BlobId => blobId;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        var open = Buffer();
        while (!chunk.IsEmpty)
        {
            // A full block is staged only when more follows: a body of exactly one block stays one request.
            if (_buffered == BlockBytes)
            {
                await StageAsync(open, cancellationToken);
            }

            var take = Math.Min(chunk.Length, BlockBytes - _buffered);
            chunk.Span[..take].CopyTo(open.AsSpan(_buffered));
            _buffered += take;
            chunk = chunk[take..];
        }
    }

    /// <exception cref="IOException">A blob with this id exists already: ids must be fresh.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        var open = Buffer();
        var fresh = new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            if (_blockIds.Count == 0)
            {
                using var content = new MemoryStream(open, 0, _buffered, writable: false);
                await body.UploadAsync(content, new BlobUploadOptions { Conditions = fresh }, cancellationToken);
            }
            else
            {
                if (_buffered > 0)
                {
                    await StageAsync(open, cancellationToken);
                }

                await body.CommitBlockListAsync(_blockIds, new CommitBlockListOptions { Conditions = fresh }, cancellationToken);
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            throw new IOException($"The blob {blobId} exists already.", exception);
        }

        _completed = true;
        Release();
        await UnmarkAsync(cancellationToken);
    }

    /// <summary>Without completion the marker goes; the staged blocks were never a blob and expire on their own.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_buffer is null)
        {
            return;
        }

        Release();
        await UnmarkAsync(CancellationToken.None);
    }

    private byte[] Buffer()
    {
        if (_completed)
        {
            throw new InvalidOperationException($"The upload of {blobId} is complete already.");
        }

        return _buffer ?? throw new ObjectDisposedException(nameof(AzureBlobUpload));
    }

    private async Task StageAsync(byte[] open, CancellationToken cancellationToken)
    {
        if (!_marked)
        {
            await marker.UploadAsync(Stream.Null, cancellationToken: cancellationToken);
            _marked = true;
        }

        // Block ids must all have the same length; a fixed-width counter keeps them in order too.
        var blockId = Convert.ToBase64String(
            Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
        using (var content = new MemoryStream(open, 0, _buffered, writable: false))
        {
            await body.StageBlockAsync(blockId, content, cancellationToken: cancellationToken);
        }

        _blockIds.Add(blockId);
        _buffered = 0;
    }

    private async Task UnmarkAsync(CancellationToken cancellationToken)
    {
        if (_marked)
        {
            await marker.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private void Release()
    {
        if (_buffer is { } rented)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
