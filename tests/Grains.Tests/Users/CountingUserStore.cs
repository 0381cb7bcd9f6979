using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>The real user store, counting the reads the user grain makes of entries, so tests can see what its cache saves.</summary>
public sealed class CountingUserStore(IUserStore inner) : IUserStore
{
    private readonly Lock _commitLock = new();
    private int _entryReads;
    private int _inspections;
    private int _commitsInFlight;
    private int _inFlightTarget = int.MaxValue;
    private TaskCompletionSource _inFlightReached = new();
    private TaskCompletionSource _held = Released();

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

    /// <summary>Commits start here in the order the grain starts them; while held, they wait before reaching the store.</summary>
    public async Task<CommitReceipt> CommitAsync(EntryChange change, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource inFlight;
        Task held;
        lock (_commitLock)
        {
            _commitsInFlight++;
            MostCommitsInFlight = Math.Max(MostCommitsInFlight, _commitsInFlight);
            inFlight = _inFlightReached;
            held = _held.Task;
            if (_commitsInFlight >= _inFlightTarget)
            {
                inFlight.TrySetResult();
            }
        }
        try
        {
            await held;
            return await inner.CommitAsync(change, cancellationToken);
        }
        finally
        {
            lock (_commitLock)
            {
                _commitsInFlight--;
            }
        }
    }

    /// <summary>Set to hold the grain to fewer commits in flight than the real store allows (the Azure store allows one).</summary>
    public int? CommitsInFlightLimit { get; set; }

    public int MaxCommitsInFlight => CommitsInFlightLimit ?? inner.MaxCommitsInFlight;

    public int MostCommitsInFlight { get; private set; }

    /// <summary>Holds every commit until the returned handle is disposed.</summary>
    public IDisposable HoldCommits()
    {
        lock (_commitLock)
        {
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new Release(_held);
        }
    }

    /// <summary>Completes once <paramref name="count"/> commits are in flight at the same time.</summary>
    public Task WhenCommitsInFlight(int count)
    {
        lock (_commitLock)
        {
            _inFlightTarget = count;
            _inFlightReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_commitsInFlight >= count)
            {
                _inFlightReached.TrySetResult();
            }
            return _inFlightReached.Task;
        }
    }

    public Task<IReadOnlyList<string>> ListDisabledUsersAsync(CancellationToken cancellationToken = default) =>
        inner.ListDisabledUsersAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListUsersAsync(string? afterUser, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUsersAsync(afterUser, limit, cancellationToken);

    public Task<bool> RecordDepartureAsync(string user, string homeserver, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        inner.RecordDepartureAsync(user, homeserver, seenAt, cancellationToken);

    public Task ClearDeparturesAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default) =>
        inner.ClearDeparturesAsync(users, cancellationToken);

    public Task<IReadOnlyList<DepartureRecord>> ListDeparturesAsync(string? afterUser, int limit, CancellationToken cancellationToken = default) =>
        inner.ListDeparturesAsync(afterUser, limit, cancellationToken);

    public Task<StoreTotals> GetTotalsAsync(CancellationToken cancellationToken = default) => inner.GetTotalsAsync(cancellationToken);

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken = default) =>
        inner.IsBlobReferencedAsync(blobId, cancellationToken);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    private sealed class Release(TaskCompletionSource held) : IDisposable
    {
        public void Dispose() => held.TrySetResult();
    }
}
