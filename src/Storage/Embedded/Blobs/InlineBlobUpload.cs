using System.Buffers;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Blobs;

/// <summary>
/// Holds the body in memory while it fits <see cref="EmbeddedBlobStore.InlineBytes"/> and stores it as a row on
/// completion; the first write past that moves what it holds into a file upload, which takes the rest.
/// </summary>
internal sealed class InlineBlobUpload(string blobId, EmbeddedBlobStore store, FileBlobStore files) : IBlobUpload
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(EmbeddedBlobStore.InlineBytes);
    private int _buffered;
    private IBlobUpload? _file;
    private bool _completed;
    private bool _disposed;

    public string BlobId => blobId;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        if (_file is null && _buffered + chunk.Length <= EmbeddedBlobStore.InlineBytes)
        {
            chunk.Span.CopyTo(_buffer!.AsSpan(_buffered));
            _buffered += chunk.Length;
            return;
        }

        if (_file is null)
        {
            _file = await files.BeginUploadAsync(blobId, cancellationToken);
            await _file.WriteAsync(_buffer!.AsMemory(0, _buffered), cancellationToken);
            Release();
        }

        await _file.WriteAsync(chunk, cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        if (_file is not null)
        {
            await _file.CompleteAsync(cancellationToken);
        }
        else
        {
            await store.StoreInlineAsync(blobId, _buffer!.AsMemory(0, _buffered), cancellationToken);
            Release();
        }

        _completed = true;
    }

    /// <summary>Nothing inline is stored before completion; a file upload removes its temporary file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Release();
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    private void ThrowIfFinished()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"The upload of {blobId} is complete already.");
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
