namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A user's operator-set limits as stored. A null <see cref="StorageQuotaMb"/> means the configured default;
/// <see cref="Unlimited"/> lifts the limit; a null <see cref="AllowedWritePaths"/> means unrestricted, empty read-only.
/// <see cref="RateRead"/> and <see cref="RateWrite"/> are null for the configured default, else <c>unlimited</c> or a
/// bandwidth's canonical text (e.g. <c>10mb/s</c>), as the admin API writes them.
/// </summary>
public sealed record QuotaRecord(
    long? StorageQuotaMb, bool Unlimited, IReadOnlyList<string>? AllowedWritePaths, string? RateRead = null, string? RateWrite = null)
{
    public static QuotaRecord Default { get; } = new(null, false, null);
}
