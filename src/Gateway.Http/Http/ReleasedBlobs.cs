using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// Deletes a body no entry references any more: the one a committed overwrite or delete released, or an upload the
/// grain refused. The commit is already durable, so a failure is only logged: the orphan sweeper removes it later.
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
