using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Sweeping;

/// <summary>
/// A blob store that runs <paramref name="beforeSweeperDelete"/> after the sweeper has found a blob unreferenced and
/// before its delete reaches the store: the narrowest place a racing upload and commit can land.
/// </summary>
internal sealed class RacingBlobStore(IBlobStore inner, Func<string, Task> beforeSweeperDelete) : IBlobStore
{
    public Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default) =>
        inner.BeginUploadAsync(blobId, cancellationToken);

    public Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default) =>
        inner.OpenReadAsync(blobId, cancellationToken);

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(blobId, cancellationToken);

    public IAsyncEnumerable<string> ListCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        inner.ListCreatedBeforeAsync(before, cancellationToken);

    public async Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await beforeSweeperDelete(blobId);
        return await inner.DeleteIfCreatedBeforeAsync(blobId, before, cancellationToken);
    }
}
