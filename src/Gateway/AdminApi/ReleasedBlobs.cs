using PubkyCluster.Grains.Storage;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// Deletes the body a committed admin delete released. The delete is already durable, so a failure here is only
/// logged: the orphan sweeper removes blobs no entry references.
/// </summary>
public sealed partial class ReleasedBlobs(IBlobStore blobs, ILogger<ReleasedBlobs> logger)
{
    public async Task DeleteAsync(string? blobId)
    {
        if (blobId is null)
        {
            return;
        }
        try
        {
            // Not the request's token: the entry is gone whether or not the operator's client waits for the answer.
            await blobs.DeleteAsync(blobId, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogDeleteFailed(e, blobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released blob {BlobId} could not be deleted; the orphan sweeper will remove it")]
    private partial void LogDeleteFailed(Exception exception, string blobId);
}
