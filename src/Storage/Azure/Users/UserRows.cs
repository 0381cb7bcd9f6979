using PubkyCluster.Storage.Azure.Tables;

namespace PubkyCluster.Storage.Azure.Users;

/// <summary>
/// The layout of the users and events tables. A user's partition holds, in RowKey
/// order: blob references <c>b{blob id}</c> (one per body an entry holds, written with the entry), entries
/// <c>e{ordered path}</c>, outbox rows <c>o{commit number}</c>, the user row <c>u</c>, and the per-user event index
/// <c>x{id}</c> (ascending) and <c>y{max − id}</c> (descending, since tables scan only forwards). So the user row and
/// its pending outbox rows are the one range [o, u]. PartitionKey is <see cref="TableKeys.Ordered"/>(user). The events table has one partition
/// <see cref="LogPartition"/>: events <c>e{id}</c>, publication markers <c>m{escaped user}|{commit number}</c> and the
/// sequence row.
/// </summary>
internal static class UserRows
{
    public const string EntryPrefix = "e";
    public const string EntryEnd = "f";
    public const string OutboxPrefix = "o";
    public const string OutboxEnd = "p";
    public const string UserRow = "u";
    public const string ForwardIndexPrefix = "x";
    public const string ReverseIndexPrefix = "y";
    public const string IndexEnd = "z";

    public const string LogPartition = "log";
    public const string EventPrefix = "e";
    public const string EventEnd = "f";
    public const string SequenceRow = "sequence";

    public const string BlobReferencePrefix = "b";

    // Departures table (and User).
    public const string DeparturePartition = "departed";
    public const string DepartedTo = "DepartedTo";
    public const string FirstSeen = "FirstSeen";
    public const string LastSeen = "LastSeen";

    // User row.
    public const string CreatedAt = "CreatedAt";
    public const string Disabled = "Disabled";
    public const string UsedBytes = "UsedBytes";
    public const string FileCount = "FileCount";
    public const string LastWrite = "LastWrite";
    public const string Commits = "Commits";

    // Entry rows (and CreatedAt).
    public const string Path = "Path";
    public const string BlobId = "BlobId";
    public const string ContentHash = "ContentHash";
    public const string ContentLength = "ContentLength";
    public const string ContentType = "ContentType";
    public const string ModifiedAt = "ModifiedAt";

    // Outbox, event, index and marker rows (and Path, ContentHash, CreatedAt).
    public const string IsDelete = "IsDelete";
    public const string At = "At";
    public const string User = "User";
    public const string Commit = "Commit";
    public const string EventId = "EventId";

    // Sequence row.
    public const string LastId = "LastId";
    public const string LastCreatedAt = "LastCreatedAt";

    /// <summary>Order-preserving, so partitions (and a scan of user rows) come in the users' byte order; a z32 key is itself.</summary>
    public static string PartitionOf(string user) => TableKeys.Ordered(user);

    public static string EntryKey(string path) => EntryPrefix + TableKeys.Ordered(path);

    /// <summary>Blob ids hold only characters a key allows.</summary>
    public static string BlobReferenceKey(string blobId) => BlobReferencePrefix + blobId;

    public static string OutboxKey(long commit) => OutboxPrefix + TableValues.Number(commit);

    public static string EventKey(long id) => EventPrefix + TableValues.Number(id);

    public static string ForwardIndexKey(long id) => ForwardIndexPrefix + TableValues.Number(id);

    public static string ReverseIndexKey(long id) => ReverseIndexPrefix + TableValues.Number(long.MaxValue - id);

    public static string MarkerKey(string user, long commit) => $"m{TableKeys.Escape(user)}|{TableValues.Number(commit)}";
}
