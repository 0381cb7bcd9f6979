using Microsoft.Extensions.Options;
using Pubky.Protocol.Quotas;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The limits of users and their writes (configuration section "Limits"): the user grain enforces the quota, token window
/// and session count; the gateway the body size, before a byte reaches storage.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Storage quota of a user without an override, in MiB; unset means unlimited, 0 means nothing may be stored.</summary>
    public long? DefaultQuotaMb { get; set; }

    /// <summary>An AuthToken is accepted when its timestamp is within this many seconds of now (the reference: 180).</summary>
    public int AuthTokenWindowSeconds { get; set; } = 180;

    /// <summary>
    /// Sessions kept per user; a signin beyond it drops the oldest session. The reference keeps every session forever,
    /// which lets one user's state grow without bound.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 1000;

    /// <summary>
    /// Grants kept per user, each with its one bearer; revoked ones count until they expire (so presenting one again
    /// says it was revoked). An exchange of a new grant beyond it is refused (403) once the expired ones are gone. The
    /// reference has no bound.
    /// </summary>
    public int MaxGrantsPerUser { get; set; } = 100;

    /// <summary>The largest file body a PUT may carry; larger bodies get 413. The reference has no effective limit here.</summary>
    public long MaxBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The user grain refuses a commit whose body became durable longer ago than this (503, the client retries), so
    /// the orphan sweeper never deletes a body a late commit is about to name. At most half of
    /// <c>Storage:OrphanSweep:GracePeriod</c>, checked where both are hosted; the other half absorbs clock skew.
    /// </summary>
    public TimeSpan MaxCommitDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Entries each active user grain keeps in memory (absent ones included), so a read of a recent file needs no store
    /// round trip. 0 turns the cache off. Each costs a few hundred bytes per active user.
    /// </summary>
    public int EntryCacheSize { get; set; } = 8;

    /// <summary>Download rate of a user reading with their session, without an override (e.g. <c>10mb/s</c>); unset = unlimited.</summary>
    public string? DefaultRateRead { get; set; }

    /// <summary>Upload rate of a user without an override; unset = unlimited.</summary>
    public string? DefaultRateWrite { get; set; }

    /// <summary>Download rate of each client address for reads without the owner's session; unset = unlimited.</summary>
    public string? UnauthenticatedIpRateRead { get; set; }

    public TimeSpan AuthTokenWindow => TimeSpan.FromSeconds(AuthTokenWindowSeconds);

    public Bandwidth? RateRead => Rate(DefaultRateRead);

    public Bandwidth? RateWrite => Rate(DefaultRateWrite);

    public Bandwidth? IpRateRead => Rate(UnauthenticatedIpRateRead);

    /// <summary>Only validated values reach here (see <see cref="LimitsOptionsValidator"/>).</summary>
    private static Bandwidth? Rate(string? text) => string.IsNullOrWhiteSpace(text) ? null : Bandwidth.Parse(text);
}

public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultQuotaMb is < 0)
        {
            errors.Add("Limits:DefaultQuotaMb must not be negative.");
        }
        if (options.AuthTokenWindowSeconds is < 1 or > 3600)
        {
            errors.Add("Limits:AuthTokenWindowSeconds must be between 1 and 3600.");
        }
        if (options.MaxBodyBytes < 1)
        {
            errors.Add("Limits:MaxBodyBytes must be at least 1.");
        }
        if (options.MaxSessionsPerUser < 1)
        {
            errors.Add("Limits:MaxSessionsPerUser must be at least 1.");
        }
        if (options.MaxGrantsPerUser is < 1 or > 10_000)
        {
            errors.Add("Limits:MaxGrantsPerUser must be between 1 and 10000.");
        }
        if (options.EntryCacheSize is < 0 or > 1024)
        {
            errors.Add("Limits:EntryCacheSize must be between 0 and 1024.");
        }
        if (options.MaxCommitDelay <= TimeSpan.Zero)
        {
            errors.Add("Limits:MaxCommitDelay must be positive (a time span such as 00:30:00).");
        }
        CheckRate(errors, nameof(LimitsOptions.DefaultRateRead), options.DefaultRateRead);
        CheckRate(errors, nameof(LimitsOptions.DefaultRateWrite), options.DefaultRateWrite);
        CheckRate(errors, nameof(LimitsOptions.UnauthenticatedIpRateRead), options.UnauthenticatedIpRateRead);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRate(List<string> errors, string key, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && !Bandwidth.TryParse(text, out _, out var error))
        {
            errors.Add($"{LimitsOptions.Section}:{key}: {error}; leave it unset for unlimited.");
        }
    }
}
