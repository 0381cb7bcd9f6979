namespace PubkyCluster.Grains.Users;

/// <summary>
/// Per-user overrides set through the admin API. A null <see cref="StorageQuotaMb"/> means "the configured default";
/// <see cref="Unlimited"/> lifts the limit. A null <see cref="AllowedWritePaths"/> means unrestricted, an empty list
/// read-only.
/// </summary>
[GenerateSerializer, Immutable, Alias("pubky.UserQuota")]
public sealed record UserQuota(
    [property: Id(0)] long? StorageQuotaMb,
    [property: Id(1)] bool Unlimited,
    [property: Id(2)] IReadOnlyList<string>? AllowedWritePaths)
{
    public static UserQuota Default { get; } = new(null, false, null);
}
