namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A user's operator-set limits as stored. A null <see cref="StorageQuotaMb"/> means the configured default;
/// <see cref="Unlimited"/> lifts the limit; a null <see cref="AllowedWritePaths"/> means unrestricted, empty read-only.
/// </summary>
public sealed record QuotaRecord(long? StorageQuotaMb, bool Unlimited, IReadOnlyList<string>? AllowedWritePaths)
{
    public static QuotaRecord Default { get; } = new(null, false, null);
}
