using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Sweeping;

/// <summary>
/// Deletes blobs no entry references: bodies of writes that failed or crashed between upload and commit, and old
/// bodies whose release was lost. Only blobs created more than the grace period ago are touched.
/// </summary>
/// <remarks>
/// Why a referenced body is never deleted, even while a commit races a pass: the user grain refuses a commit whose
/// upload completed more than <c>Limits:MaxCommitDelay</c> (at most half the grace period) before its clock says now.
/// A blob this pass finds unreferenced completed before the cutoff, so any commit that could still name it would be
/// more than half the grace period late and is refused; the remaining half absorbs skew between the clocks of gateway,
/// grain, sweeper and store. The delete itself is conditional on the cutoff, so a long upload listed by its unfinished
/// part keeps the body it completes afterwards.
/// </remarks>
public sealed partial class OrphanBlobSweeper(
    IBlobStore blobs,
    IUserStore users,
    IOptions<OrphanBlobSweeperOptions> options,
    TimeProvider? timeProvider = null,
    ILogger<OrphanBlobSweeper>? logger = null)
{
    private readonly TimeProvider _clock = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<OrphanBlobSweeper>.Instance;

    /// <summary>One bounded pass.</summary>
    public async Task<OrphanBlobSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        // Taken once, before any reference is checked: every check below happens at least a grace period after the
        // blobs it looks at completed.
        var cutoff = _clock.GetUtcNow() - settings.GracePeriod;
        var examined = 0;
        var deleted = 0;
        await foreach (var blobId in blobs.ListCreatedBeforeAsync(cutoff, cancellationToken))
        {
            if (examined >= settings.MaxBlobsPerPass)
            {
                break;
            }

            examined++;
            if (!await users.IsBlobReferencedAsync(blobId, cancellationToken)
                && await blobs.DeleteIfCreatedBeforeAsync(blobId, cutoff, cancellationToken))
            {
                deleted++;
                LogDeleted(blobId);
            }
        }

        LogPass(examined, deleted);
        return new OrphanBlobSweepResult(examined, deleted);
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Deleted orphan blob {BlobId}")]
    private partial void LogDeleted(string blobId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Orphan-blob sweep examined {Examined} old blobs and deleted {Deleted}")]
    private partial void LogPass(int examined, int deleted);
}
