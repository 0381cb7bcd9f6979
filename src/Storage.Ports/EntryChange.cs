using Pubky.Protocol.Paths;

namespace PubkyCluster.Storage.Ports;

/// <summary>
/// One write of one user, applied atomically by <see cref="IUserStore.CommitAsync"/>: the entry at <see cref="Path"/>
/// becomes <see cref="NewEntry"/> (or is removed when null), used bytes and file count move by the deltas, and one
/// event is appended. <see cref="ExpectedBlobId"/> is the blob id the writer believes is current (null: no entry);
/// the store refuses the change with <see cref="StoreConflictException"/> if it is not, so a stale writer (a brief
/// duplicate activation) can never corrupt the accounting. <see cref="ExpectedVersion"/>, when set, is the user's
/// <see cref="UserRecord.Version"/> the writer last saw: a store that keeps versions may then commit conditionally on it
/// instead of reading the user first, and refuses the change with <see cref="StoreConflictException"/> when it is stale.
/// </summary>
public sealed record EntryChange(
    string User,
    WebDavPath Path,
    string? ExpectedBlobId,
    EntryRecord? NewEntry,
    long UsedBytesDelta,
    int FileCountDelta,
    DateTimeOffset At,
    string? ExpectedVersion = null);
