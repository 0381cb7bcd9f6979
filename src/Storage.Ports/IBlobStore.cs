namespace PubkyCluster.Storage.Ports;

/// <summary>
/// File bodies, each under a fresh id per write, so an overwrite never changes a body a reader may be streaming.
/// Bodies are streamed in and out, never held whole.
/// </summary>
public interface IBlobStore
{
    /// <summary>The most of an upload any store keeps in memory before storing it: 4 MiB.</summary>
    const int MaxBufferedUploadBytes = 4 * 1024 * 1024;

    /// <summary>Starts writing a new blob; nothing is readable until <see cref="IBlobUpload.CompleteAsync"/>.</summary>
    Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>The body, or null when no complete blob has that id.</summary>
    Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>Removes the blob; a missing blob is not an error.</summary>
    Task DeleteAsync(string blobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blobs (complete or abandoned uploads) created before <paramref name="before"/>, for the orphan sweeper. A complete
    /// blob counts as created when its upload completed. An abandoned upload is listed once it has stored something: a
    /// store may hold up to <see cref="MaxBufferedUploadBytes"/> of an upload in memory first, which a crash leaves
    /// nothing of to sweep.
    /// </summary>
    IAsyncEnumerable<string> ListCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>
    /// The orphan sweeper's delete: removes the complete blob and any unfinished upload of the id, each only if it was
    /// created before <paramref name="before"/>. A body completed after the listing (a long upload listed by its
    /// unfinished part) is kept, so a commit on its way never names a deleted body. True when something was removed.
    /// </summary>
    Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default);
}
