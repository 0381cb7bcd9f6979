using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Blobs;

/// <summary>
/// File bodies as block blobs named <c>b/{id}</c>, nothing readable before the upload completes. A body of up to one
/// block (4 MiB) is one request on completion. A larger one stages blocks and commits the block list; while it runs, an
/// empty marker blob <c>u/{id}</c> exists, so an abandoned upload (a crashed gateway) is listed for the orphan sweeper
/// like a complete blob; Azure discards the uncommitted blocks by itself.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    internal const string BodyPrefix = "b/";
    internal const string UploadPrefix = "u/";

    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public AzureBlobStore(BlobContainerClient container)
    {
        _container = container;
    }

    /// <summary>The pinned service version Azurite 3.35 accepts; the client's default (2026-10-06) is newer.</summary>
    public static BlobClientOptions ClientOptions() => new(BlobClientOptions.ServiceVersion.V2025_11_05);

    /// <exception cref="ArgumentException">The id is not 1 to 200 characters of [A-Za-z0-9_-].</exception>
    public async Task<IBlobUpload> BeginUploadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        await EnsureContainerAsync(cancellationToken);
        return new AzureBlobUpload(
            blobId, _container.GetBlockBlobClient(BodyPrefix + blobId), _container.GetBlockBlobClient(UploadPrefix + blobId));
    }

    /// <summary>
    /// One streaming GET of the whole body: once it has started, a concurrent delete of an overwritten body does not cut
    /// the reader off (the service serves the response it began).
    /// </summary>
    public async Task<Stream?> OpenReadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var response = await _container.GetBlobClient(BodyPrefix + blobId)
                .DownloadStreamingAsync(cancellationToken: cancellationToken)
                ;
            return response.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes the body and the marker of an unfinished upload; missing ones are fine.</summary>
    public async Task DeleteAsync(string blobId, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        await EnsureContainerAsync(cancellationToken);
        await _container.DeleteBlobIfExistsAsync(BodyPrefix + blobId, cancellationToken: cancellationToken);
        await _container.DeleteBlobIfExistsAsync(UploadPrefix + blobId, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Each name is read, then deleted only if it was created before the cutoff and is still what was read (If-Match),
    /// so a body committed after the listing, whose upload was listed by its old marker, is kept however the calls
    /// interleave. Bodies and markers are never modified.
    /// </summary>
    public async Task<bool> DeleteIfCreatedBeforeAsync(string blobId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        BlobIds.Validate(blobId);
        await EnsureContainerAsync(cancellationToken);
        var deleted = await DeleteNameIfCreatedBeforeAsync(BodyPrefix + blobId, before, cancellationToken);
        deleted |= await DeleteNameIfCreatedBeforeAsync(UploadPrefix + blobId, before, cancellationToken);
        return deleted;
    }

    /// <summary>Complete bodies and upload markers created before <paramref name="before"/>, each id once.</summary>
    public async IAsyncEnumerable<string> ListCreatedBeforeAsync(
        DateTimeOffset before,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prefix in new[] { BodyPrefix, UploadPrefix })
        {
            await foreach (var blob in _container
                               .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken)
                               )
            {
                var blobId = blob.Name[prefix.Length..];
                if (blob.Properties.CreatedOn is { } createdOn && createdOn < before && BlobIds.IsValid(blobId) && listed.Add(blobId))
                {
                    yield return blobId;
                }
            }
        }
    }

    private async Task<bool> DeleteNameIfCreatedBeforeAsync(string name, DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Read first: the service answers 404 for a name that has only staged blocks (they expire on their own), while a
        // delete, which Azurite carries out on such a name whatever its condition, would cut a long upload off.
        var blob = _container.GetBlobClient(name);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }

        if (properties.CreatedOn >= before)
        {
            return false;
        }

        try
        {
            var conditions = new BlobRequestConditions { IfMatch = properties.ETag };
            var response = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions, cancellationToken);
            return response.Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
