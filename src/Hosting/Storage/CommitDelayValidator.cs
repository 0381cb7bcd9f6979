using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Sweeping;

namespace PubkyCluster.Hosting.Storage;

/// <summary>
/// Where user grains and the orphan sweeper are hosted together, a commit may be late by at most half the sweeper's
/// grace period; the other half is the margin for clock skew (Storage/Sweeping/OrphanBlobSweeper.cs says why).
/// </summary>
public sealed class CommitDelayValidator(IOptions<LimitsOptions> limits) : IValidateOptions<OrphanBlobSweeperOptions>
{
    public ValidateOptionsResult Validate(string? name, OrphanBlobSweeperOptions options)
    {
        var maxCommitDelay = limits.Value.MaxCommitDelay;
        return maxCommitDelay <= options.GracePeriod / 2
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Limits:MaxCommitDelay ({maxCommitDelay:c}) must be at most half of {OrphanBlobSweeperOptions.Section}:GracePeriod"
                + $" ({options.GracePeriod:c}), or the sweeper could delete a body that a late commit names.");
    }
}
