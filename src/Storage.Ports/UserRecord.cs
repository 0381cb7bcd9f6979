namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A user as the store keeps it. <see cref="UsedBytes"/> and <see cref="FileCount"/> change only inside
/// <see cref="IUserStore.CommitAsync"/>, together with the entry and the event, so they always match the entries.
/// </summary>
public sealed record UserRecord(
    string User,
    DateTimeOffset CreatedAt,
    bool Disabled,
    QuotaRecord Quota,
    long UsedBytes,
    long FileCount,
    DateTimeOffset? LastWrite);
