using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Embedded.Blobs;

/// <summary>
/// Writes into a temporary file beside the final name; completing flushes it to disk, renames it atomically and
/// flushes the directory, so a blob is either absent or whole and durable.
/// </summary>
internal sealed class FileBlobUpload(string blobId, FileStream stream, string temporaryPath, string finalPath) : IBlobUpload
{
    private bool _completed;
    private bool _disposed;

    public string BlobId => blobId;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        return stream.WriteAsync(chunk, cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        await stream.FlushAsync(cancellationToken);
        // The write time is the blob's creation time for the orphan sweeper: make it the completion, not the last
        // chunk, which may be far older when a client stalled before the end of its body.
        File.SetLastWriteTimeUtc(stream.SafeFileHandle, DateTime.UtcNow);
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync();
        File.Move(temporaryPath, finalPath, overwrite: false);
        _completed = true;
        // Flushed here, not deferred or grouped: the commit that references the blob follows, and a crash must never
        // keep that commit and lose this name. Uploads spread over 4096 fan-out directories rarely share one, and
        // on journaling file systems concurrent fsyncs already share one journal commit, so grouping would save little.
        DirectorySync.Flush(Path.GetDirectoryName(finalPath)!);
    }

    /// <summary>Without a completed upload the temporary file is deleted, so nothing of it remains.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await stream.DisposeAsync();
        if (!_completed)
        {
            File.Delete(temporaryPath);
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
}
