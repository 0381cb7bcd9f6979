using Pubky.Protocol.Paths;

namespace PubkyCluster.Storage.Ports;

/// <summary>
/// Users, their file index and the event log, written together. Paths are normalised absolute paths; order is
/// byte order of their UTF-8 (ordinal order of the strings is the same for the characters paths may hold).
/// </summary>
public interface IUserStore
{
    Task<UserRecord?> GetUserAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>False when the user already exists.</summary>
    Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken = default);

    /// <summary>Sets the operator-controlled fields; false when the user does not exist.</summary>
    Task<bool> UpdateUserSettingsAsync(string user, bool disabled, QuotaRecord quota, CancellationToken cancellationToken = default);

    Task<EntryRecord?> GetEntryAsync(string user, WebDavPath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a write of a file at <paramref name="path"/> meets, in one read: it collides when a file exists at one of
    /// its ancestor paths (writing /a/b over a file /a) or any entry lies below it (writing /a over /a/...); and the
    /// entry now at the path.
    /// </summary>
    /// <exception cref="PathTooLongForStoreException">The store cannot hold <paramref name="path"/>; asked before any write.</exception>
    Task<WriteTarget> InspectWriteAsync(string user, WebDavPath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// One listing page under <see cref="ListQuery.Directory"/>, in byte order (or reversed), strictly after
    /// (before) the cursor. Deep: file paths. Shallow: immediate children, directories ending in '/'. A page costs
    /// O(limit) index seeks whatever the size of the directory.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string user, ListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Whether any user has at least one entry under <paramref name="directory"/> (for the 404 of empty listings).</summary>
    Task<bool> HasEntriesUnderAsync(string user, WebDavPath directory, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="change"/> atomically and durably and returns the appended event with its id.</summary>
    /// <exception cref="StoreConflictException">
    /// The current entry's blob id is not <see cref="EntryChange.ExpectedBlobId"/>, or <see cref="EntryChange.ExpectedVersion"/> is stale.
    /// </exception>
    /// <exception cref="PathTooLongForStoreException">The store cannot hold the change's path.</exception>
    Task<CommitReceipt> CommitAsync(EntryChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many commits of one user may be started before the first is durable. A store that applies a user's commits in
    /// the order they were started, each checking its expected blob id after the one before, takes many at once and can
    /// make them durable together (the embedded store: one writer queue, one transaction and one fsync per group); a
    /// store that may apply them out of order takes one at a time.
    /// </summary>
    int MaxCommitsInFlight { get; }

    Task<IReadOnlyList<string>> ListDisabledUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> user keys in ordinal order, strictly after <paramref name="afterUser"/> (null:
    /// from the first), disabled users included: the PKARR republisher walks every user page by page this way.
    /// </summary>
    Task<IReadOnlyList<string>> ListUsersAsync(string? afterUser, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notes that <paramref name="user"/>'s record points at <paramref name="homeserver"/>, seen at
    /// <paramref name="seenAt"/>: the first sighting is kept while the homeserver stays the same and restarts when it
    /// changes. False when the user does not exist. Kept apart from the user's settings and counters, so it never moves
    /// the user's <see cref="UserRecord.Version"/>.
    /// </summary>
    Task<bool> RecordDepartureAsync(string user, string homeserver, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>Forgets the departure of each of <paramref name="users"/> that has one: their record points here again.</summary>
    Task ClearDeparturesAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> departed users in ordinal order, strictly after <paramref name="afterUser"/> (null: from the first).</summary>
    Task<IReadOnlyList<DepartureRecord>> ListDeparturesAsync(string? afterUser, int limit, CancellationToken cancellationToken = default);

    Task<StoreTotals> GetTotalsAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether an entry references <paramref name="blobId"/>, for the orphan-blob sweeper.</summary>
    Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken = default);
}
