namespace PubkyCluster.Storage.Ports;

/// <summary>A blob being written. Disposing without completing discards what was written.</summary>
public interface IBlobUpload : IAsyncDisposable
{
    string BlobId { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default);

    /// <summary>Makes the blob durable and readable: after this returns, a crash loses nothing.</summary>
    Task CompleteAsync(CancellationToken cancellationToken = default);
}
