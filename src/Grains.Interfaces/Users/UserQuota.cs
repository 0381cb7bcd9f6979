namespace PubkyCluster.Grains.Users;

/// <summary>
/// Per-user overrides set through the admin API. A null <see cref="StorageQuotaMb"/> means "the configured default";
/// <see cref="Unlimited"/> lifts the limit. A null <see cref="AllowedWritePaths"/> means unrestricted, an empty list
/// read-only. A null <see cref="RateRead"/> or <see cref="RateWrite"/> means the configured default rate.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.UserQuota")]
public sealed record UserQuota(
    [property: Id(0)] long? StorageQuotaMb,
    [property: Id(1)] bool Unlimited,
    [property: Id(2)] IReadOnlyList<string>? AllowedWritePaths,
    [property: Id(3)] RateOverride? RateRead = null,
    [property: Id(4)] RateOverride? RateWrite = null)
{
    public static UserQuota Default { get; } = new(null, false, null);
}
