using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>The real user store, counting the reads the user grain makes of entries, so tests can see what its cache saves.</summary>
public sealed class CountingUserStore(IUserStore inner) : IUserStore
{
    private int _entryReads;
    private int _inspections;

    public int EntryReads => Volatile.Read(ref _entryReads);

    public int Inspections => Volatile.Read(ref _inspections);

    public Task<EntryRecord?> GetEntryAsync(string user, WebDavPath path, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _entryReads);
        return inner.GetEntryAsync(user, path, cancellationToken);
    }

    public Task<WriteTarget> InspectWriteAsync(string user, WebDavPath path, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _inspections);
        return inner.InspectWriteAsync(user, path, cancellationToken);
    }

    public Task<UserRecord?> GetUserAsync(string user, CancellationToken cancellationToken = default) =>
        inner.GetUserAsync(user, cancellationToken);

    public Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken = default) =>
        inner.TryCreateUserAsync(user, cancellationToken);

    public Task<bool> UpdateUserSettingsAsync(string user, bool disabled, QuotaRecord quota, CancellationToken cancellationToken = default) =>
        inner.UpdateUserSettingsAsync(user, disabled, quota, cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(string user, ListQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(user, query, cancellationToken);

    public Task<bool> HasEntriesUnderAsync(string user, WebDavPath directory, CancellationToken cancellationToken = default) =>
        inner.HasEntriesUnderAsync(user, directory, cancellationToken);

    public Task<CommitReceipt> CommitAsync(EntryChange change, CancellationToken cancellationToken = default) =>
        inner.CommitAsync(change, cancellationToken);

    public Task<IReadOnlyList<string>> ListDisabledUsersAsync(CancellationToken cancellationToken = default) =>
        inner.ListDisabledUsersAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListUsersAsync(string? afterUser, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUsersAsync(afterUser, limit, cancellationToken);

    public Task<StoreTotals> GetTotalsAsync(CancellationToken cancellationToken = default) => inner.GetTotalsAsync(cancellationToken);

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken = default) =>
        inner.IsBlobReferencedAsync(blobId, cancellationToken);
}
