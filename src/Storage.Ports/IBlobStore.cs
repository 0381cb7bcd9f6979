namespace PubkyCluster.Storage.Ports;

/// <summary>
/// File bodies, each under a fresh id per write, so an overwrite never changes a body a reader may be streaming.
/// Bodies are streamed in and out, never held whole.
/// </summary>
public interface IBlobStore
{
    /// <summary>Starts writing a new blob; nothing is readable until <see cref="IBlobUpload.CompleteAsync"/>.</summary>
    Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>The body, or null when no complete blob has that id.</summary>
    Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>Removes the blob; a missing blob is not an error.</summary>
    Task DeleteAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>Blobs (complete or abandoned uploads) created before <paramref name="before"/>, for the orphan sweeper.</summary>
    IAsyncEnumerable<string> ListCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
