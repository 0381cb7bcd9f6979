using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Blobs;

/// <summary>
/// Buffers writes into blocks of <see cref="BlockBytes"/> and stages each full block; completing stages the rest,
/// commits the block list (refusing to replace an existing blob) and removes the upload marker.
/// </summary>
internal sealed class AzureBlobUpload(string blobId, BlockBlobClient body, BlockBlobClient marker) : IBlobUpload
{
    /// <summary>4 MiB: few requests per body, bounded memory per upload, far below the 50,000-block limit at 190 GiB.</summary>
    internal const int BlockBytes = 4 * 1024 * 1024;

    private readonly List<string> _blockIds = [];
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private int _buffered;
    private bool _completed;

    public string BlobId => blobId;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        var open = Buffer();
        while (!chunk.IsEmpty)
        {
            var take = Math.Min(chunk.Length, BlockBytes - _buffered);
            chunk.Span[..take].CopyTo(open.AsSpan(_buffered));
            _buffered += take;
            chunk = chunk[take..];
            if (_buffered == BlockBytes)
            {
                await StageAsync(open, cancellationToken);
            }
        }
    }

    /// <exception cref="IOException">A blob with this id exists already: ids must be fresh.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        var open = Buffer();
        if (_buffered > 0)
        {
            await StageAsync(open, cancellationToken);
        }

        try
        {
            await body.CommitBlockListAsync(
                    _blockIds,
                    new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken)
                ;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            throw new IOException($"The blob {blobId} exists already.", exception);
        }

        _completed = true;
        Release();
        await marker.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Without completion the marker goes; the staged blocks were never a blob and expire on their own.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_buffer is null)
        {
            return;
        }

        Release();
        await marker.DeleteIfExistsAsync();
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

    private void Release()
    {
        if (_buffer is { } rented)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
