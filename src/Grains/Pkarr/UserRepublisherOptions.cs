using Microsoft.Extensions.Options;
using Pubky.Pkarr.Publisher;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Grains.Pkarr;

/// <summary>
/// How the user-record republisher runs. Filled by the host (the homeserver key is its identity, the rest comes from its
/// Pkarr configuration), not bound directly.
/// </summary>
public sealed class UserRepublisherOptions
{
    /// <summary>
    /// Republishing more often than this only adds DHT traffic (BEP44 nodes keep items at least 2 h), so shorter
    /// intervals are raised to it, as the reference does.
    /// </summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(30);

    /// <summary>This homeserver's public key (z32): only users whose _pubky record targets it are republished.</summary>
    public string HomeserverKey { get; set; } = "";

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Wait after activation before the first pass, so a starting node has joined the DHT (reference: 60 s).</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Users handed to one worker call; they are republished concurrently.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Worker calls in flight at once.</summary>
    public int ParallelBatches { get; set; } = 2;

    /// <summary>Upper bound on one user's resolve and publish (with retries), kept below Orleans' 30 s call timeout.</summary>
    public TimeSpan UserTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How many DHT nodes must hold a packet and how hard to retry.</summary>
    public PkarrPublisherOptions Publisher { get; set; } = PkarrPublisherOptions.Mainnet;

    /// <summary>The interval actually used: <see cref="Interval"/>, raised to <see cref="MinimumInterval"/>.</summary>
    public TimeSpan EffectiveInterval => Interval < MinimumInterval ? MinimumInterval : Interval;
}

public sealed class UserRepublisherOptionsValidator : IValidateOptions<UserRepublisherOptions>
{
    public ValidateOptionsResult Validate(string? name, UserRepublisherOptions options)
    {
        var errors = new List<string>();
        if (!PublicKey.TryParseZ32(options.HomeserverKey, out _))
        {
            errors.Add("The republisher needs the homeserver's z-base-32 public key.");
        }
        if (options.Interval <= TimeSpan.Zero || options.FirstRunDelay < TimeSpan.Zero || options.UserTimeout <= TimeSpan.Zero)
        {
            errors.Add("The republish interval and user timeout must be positive, the first-run delay not negative.");
        }
        if (options.BatchSize < 1 || options.ParallelBatches < 1)
        {
            errors.Add("The republish batch size and parallel batches must be at least 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
