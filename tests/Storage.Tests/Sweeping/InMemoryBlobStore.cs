using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Sweeping;

/// <summary>Blobs with creation times the test chooses, so the sweeper's age rule is tested without waiting.</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly Dictionary<string, DateTimeOffset> _created = [];

    public IReadOnlyCollection<string> Ids => _created.Keys;

    public void Add(string blobId, DateTimeOffset createdAt) => _created[blobId] = createdAt;

    public Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(_created.ContainsKey(blobId) ? new MemoryStream() : null);

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken = default)
    {
        _created.Remove(blobId);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        Task.FromResult(_created.TryGetValue(blobId, out var at) && at < before && _created.Remove(blobId));

    public async IAsyncEnumerable<string> ListCreatedBeforeAsync(
        DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in _created.Where(pair => pair.Value < before).Select(pair => pair.Key).ToList())
        {
            await Task.Yield();
            yield return id;
        }
    }
}
