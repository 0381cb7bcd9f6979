using Microsoft.Extensions.Options;

namespace PubkyCluster.Storage.Sweeping;

/// <summary>Checks the sweeper's settings; each message names its configuration key.</summary>
public sealed class OrphanBlobSweeperOptionsValidator : IValidateOptions<OrphanBlobSweeperOptions>
{
    /// <summary>The longest period a <see cref="PeriodicTimer"/> takes (uint.MaxValue - 1 milliseconds), rounded down.</summary>
    internal static readonly TimeSpan LongestInterval = TimeSpan.FromDays(49);

    public ValidateOptionsResult Validate(string? name, OrphanBlobSweeperOptions options)
    {
        var errors = new List<string>();
        if (options.GracePeriod <= TimeSpan.Zero)
        {
            errors.Add($"{OrphanBlobSweeperOptions.Section}:GracePeriod must be positive (a time span such as 01:00:00).");
        }
        if (options.Interval <= TimeSpan.Zero || options.Interval > LongestInterval)
        {
            errors.Add($"{OrphanBlobSweeperOptions.Section}:Interval must be positive and at most {LongestInterval.Days} days.");
        }
        if (options.MaxBlobsPerPass < 1)
        {
            errors.Add($"{OrphanBlobSweeperOptions.Section}:MaxBlobsPerPass must be at least 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
