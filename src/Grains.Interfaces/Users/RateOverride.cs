using Pubky.Protocol.Quotas;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// An operator's bandwidth override for one user (or one signup token): a <see cref="Limit"/>, or none for unlimited.
/// Where a quota holds no override at all (null), the configured default applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.RateOverride")]
public sealed record RateOverride([property: Id(0)] Bandwidth? Limit)
{
    public const string UnlimitedText = "unlimited";

    public static RateOverride Unlimited { get; } = new((Bandwidth?)null);

    /// <summary>What the admin API and the stores write: <c>unlimited</c> or the bandwidth's canonical text.</summary>
    public override string ToString() => Limit?.ToString() ?? UnlimitedText;

    /// <summary>Reads <see cref="ToString"/>'s text back; null stays null (no override).</summary>
    public static RateOverride? FromText(string? text) =>
        text switch
        {
            null => null,
            UnlimitedText => Unlimited,
            _ => new RateOverride(Bandwidth.Parse(text)),
        };
}
