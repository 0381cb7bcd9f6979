using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Sweeping;

/// <summary>
/// Deletes blobs no entry references: bodies of writes that failed or crashed between upload and commit, and old
/// bodies whose release was lost. Only blobs older than the grace period are touched, so an upload on its way to
/// its commit is never taken.
/// </summary>
public sealed partial class OrphanBlobSweeper(
    IBlobStore blobs,
    IUserStore users,
    IOptions<OrphanBlobSweeperOptions> options,
    TimeProvider? timeProvider = null,
    ILogger<OrphanBlobSweeper>? logger = null)
{
    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger<OrphanBlobSweeper>.Instance;

    /// <summary>One bounded pass.</summary>
    public async Task<OrphanBlobSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var cutoff = clock.GetUtcNow() - settings.GracePeriod;
        int examined = 0;
        int deleted = 0;
        await foreach (string blobId in blobs.ListCreatedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            if (examined >= settings.MaxBlobsPerPass)
            {
                break;
            }

            examined++;
            if (!await users.IsBlobReferencedAsync(blobId, cancellationToken).ConfigureAwait(false))
            {
                await blobs.DeleteAsync(blobId, cancellationToken).ConfigureAwait(false);
                deleted++;
                LogDeleted(blobId);
            }
        }

        LogPass(examined, deleted);
        return new OrphanBlobSweepResult(examined, deleted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted orphan blob {BlobId}")]
    private partial void LogDeleted(string blobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphan-blob sweep examined {Examined} old blobs and deleted {Deleted}")]
    private partial void LogPass(int examined, int deleted);
}
