namespace PubkyCluster.Storage.Ports;

/// <summary>
/// A user as the store keeps it. <see cref="UsedBytes"/> and <see cref="FileCount"/> change only inside
/// <see cref="IUserStore.CommitAsync"/>, together with the entry and the event, so they always match the entries.
/// <see cref="Version"/> is the store's concurrency token for the user as read (null: the store keeps none): it changes
/// with every commit and settings update, so a writer holding the current one knows the user's entries are as it last saw.
/// </summary>
public sealed record UserRecord(
    string User,
    DateTimeOffset CreatedAt,
    bool Disabled,
    QuotaRecord Quota,
    long UsedBytes,
    long FileCount,
    DateTimeOffset? LastWrite,
    string? Version = null);
