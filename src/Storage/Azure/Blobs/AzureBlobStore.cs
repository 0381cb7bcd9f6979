using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Azure.Blobs;

/// <summary>
/// File bodies as block blobs named <c>b/{id}</c>. An upload stages blocks and commits the block list only on
/// completion, so nothing is readable before. While an upload runs, an empty marker blob <c>u/{id}</c> exists, so an
/// abandoned upload (a crashed gateway) is listed for the orphan sweeper like a complete blob; Azure discards the
/// uncommitted blocks by itself.
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
        var marker = _container.GetBlockBlobClient(UploadPrefix + blobId);
        await marker.UploadAsync(Stream.Null, cancellationToken: cancellationToken);
        return new AzureBlobUpload(blobId, _container.GetBlockBlobClient(BodyPrefix + blobId), marker);
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
    /// Each delete is conditional on the service (If-Unmodified-Since), so a body committed after the listing, whose
    /// upload was listed by its old marker, is kept however the calls interleave. Bodies and markers are never modified,
    /// so their last-modified time is their creation time.
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
        // The condition has whole seconds: a second below the truncated cutoff only ever keeps a blob a pass longer.
        var seconds = before.ToUnixTimeSeconds() - 1;
        var conditions = new BlobRequestConditions { IfUnmodifiedSince = DateTimeOffset.FromUnixTimeSeconds(seconds) };
        try
        {
            var response = await _container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.None, conditions, cancellationToken);
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
