using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Quotas;
using Pubky.Protocol.Sessions;
using Pubky.Protocol.Time;
using PubkyCluster.Grains.Events;
using PubkyCluster.Grains.SignupTokens;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// One user (keyed by z32). Writes are decided one at a time, against the durable used bytes plus those of the commits
/// in flight (<see cref="CommitsInFlight"/>), so the quota check is exact while queued commits share a transaction;
/// the store commits entry, used bytes and event in one step and refuses a commit whose expected previous entry (or
/// user version) is not current, which keeps a brief duplicate activation from corrupting the accounting.
/// <para>
/// Being the only writer, the grain keeps its recent entries (<see cref="EntryCache"/>) and serves reads from them. A
/// duplicate activation that commits meanwhile makes this one's version stale, so its next commit conflicts, reloads and
/// clears the cache; until then it may serve the entry it last committed, never a torn one (a body is immutable under
/// its blob id), and when that body is gone the gateway asks again with <see cref="ReadRequest.Fresh"/>.
/// </para>
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.GrainState)] IPersistentState<UserGrainState> state,
    IUserStore store,
    TimeProvider clock,
    IOptions<LimitsOptions> limits,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private const int CommitAttempts = 3;

    private readonly EventSubscribers _subscribers = new(clock);
    private readonly EntryCache _entries = new(limits.Value.EntryCacheSize);
    private readonly long _activation = Random.Shared.NextInt64();
    private readonly CommitsInFlight _inFlight = new();

    /// <summary>Held while a write is decided and its commit started, not while the commit becomes durable.</summary>
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private UserRecord? _user;

    /// <summary>A commit failed, so the store may hold more than <see cref="_user"/> says: read it back before the next decision.</summary>
    private bool _userStale;

    /// <summary>
    /// Commits this activation started or saw end; a read or check begun before the latest of either may be outdated
    /// (a store read racing a commit's end may return the entry from before it).
    /// </summary>
    private long _commits;

    private string User => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _user = await store.GetUserAsync(User, cancellationToken);

    public async Task<SessionGrant> SignUp(AuthTokenClaim claim, string? signupToken)
    {
        if (!RememberAuthToken(claim))
        {
            return SessionGrant.Refused(Refusal.AuthTokenAlreadyUsed);
        }
        var refusal = await CreateUser(signupToken);
        if (refusal != Refusal.None)
        {
            return await RefuseAfterRemembering(refusal);
        }
        return await OpenSession(claim);
    }

    public async Task<SessionGrant> SignIn(AuthTokenClaim claim)
    {
        if (!RememberAuthToken(claim))
        {
            return SessionGrant.Refused(Refusal.AuthTokenAlreadyUsed);
        }
        return _user is null ? await RefuseAfterRemembering(Refusal.UserNotFound) : await OpenSession(claim);
    }

    public Task<SessionView?> GetSession(string sessionSecretHash) =>
        Task.FromResult(state.State.Sessions.TryGetValue(sessionSecretHash, out var session)
            ? new SessionView(session.Capabilities, session.CreatedAtMicros)
            : null);

    public async Task SignOut(string sessionSecretHash)
    {
        if (state.State.Sessions.Remove(sessionSecretHash))
        {
            await state.WriteStateAsync();
            AnnounceEnded([sessionSecretHash]);
        }
    }

    public Task<bool> Exists() => Task.FromResult(_user is not null);

    public Task<WriteDecision> AuthorizeWrite(WriteRequest request) => AuthorizeWrite(
        CheckWriter(request.SessionSecretHash, request.Path, isPut: true), request.Path, request.DeclaredLength, WriteRate());

    /// <summary>The operator is not throttled by the user's write rate.</summary>
    public Task<WriteDecision> AdminAuthorizeWrite(string path, long? declaredLength) =>
        AuthorizeWrite(CheckOperator(), path, declaredLength, writeRate: null);

    private async Task<WriteDecision> AuthorizeWrite(Refusal refusal, string text, long? declaredLength, Bandwidth? writeRate)
    {
        if (refusal != Refusal.None)
        {
            return new WriteDecision(refusal);
        }
        var path = WebDavPath.Parse(text);
        var check = new WriteCheck(_activation, _commits);
        var (target, inspectRefusal) = await Inspect(path, check.Commits);
        if (inspectRefusal != Refusal.None)
        {
            return new WriteDecision(inspectRefusal);
        }
        if (declaredLength is { } size && QuotaBytes() is { } quota
            && _user!.UsedBytes + _inFlight.UsedBytesDelta + size - (target!.Current?.ContentLength ?? 0) > quota)
        {
            // The reference's early answer, from the declared size alone (without the per-file overhead).
            return new WriteDecision(Refusal.QuotaExceededEarly, quota);
        }
        return new WriteDecision(Refusal.None, Checked: check, WriteRate: writeRate);
    }

    public Task<CommitOutcome> CommitPut(PutCommit commit) =>
        CommitPut(commit, () => CheckWriter(commit.SessionSecretHash, commit.Path, isPut: true));

    public Task<CommitOutcome> AdminCommitPut(PutCommit commit) => CommitPut(commit, CheckOperator);

    /// <summary><paramref name="checkWriter"/> runs in the write turn, against the user as the turn finds it.</summary>
    private Task<CommitOutcome> CommitPut(PutCommit commit, Func<Refusal> checkWriter) => Write(async () =>
    {
        var path = WebDavPath.Parse(commit.Path);
        var refusal = checkWriter();
        if (refusal != Refusal.None)
        {
            return Answered(new CommitOutcome(refusal, 0, commit.BlobId));
        }
        EntryRecord? old;
        var inFlight = _inFlight.TryGet(commit.Path, out var pending);
        if (inFlight && pending is not null)
        {
            // Overwrites the file a commit in flight leaves: it expects that commit's blob, so it joins it or conflicts.
            old = pending;
        }
        else if (!inFlight && commit.Checked == new WriteCheck(_activation, _commits)
            && _entries.TryGet(commit.Path, out var cached))
        {
            // Checked by this activation with nothing committed since: the path checks still hold.
            old = cached;
        }
        else
        {
            var (target, inspectRefusal) = await Inspect(path, _commits);
            if (inspectRefusal != Refusal.None)
            {
                return Answered(new CommitOutcome(inspectRefusal, 0, commit.BlobId));
            }
            old = target!.Current;
        }
        var delta = old is null
            ? commit.ContentLength + StorageAccounting.EntryOverheadBytes
            : commit.ContentLength - old.ContentLength;
        if (delta > 0 && QuotaBytes() is { } quota && _user!.UsedBytes + _inFlight.UsedBytesDelta + delta > quota)
        {
            return Answered(new CommitOutcome(Refusal.QuotaExceeded, 0, commit.BlobId));
        }
        // Checked last, on the clock the entry is stamped with: once accepted, the commit reaches the store well inside
        // the sweeper's grace period (Storage/Sweeping/OrphanBlobSweeper.cs says why that keeps the body).
        var now = clock.GetUtcNow();
        if (now - commit.UploadedAt > limits.Value.MaxCommitDelay)
        {
            LogCommitTooLate(User, commit.BlobId, now - commit.UploadedAt);
            return Answered(new CommitOutcome(Refusal.CommitTooLate, 0, commit.BlobId));
        }
        var entry = new EntryRecord(commit.BlobId, commit.ContentHash, commit.ContentLength, commit.ContentType, old?.CreatedAt ?? now, now);
        return StartCommit(new EntryChange(User, path, old?.BlobId, entry, delta, old is null ? 1 : 0, now, _user!.Version), old?.BlobId);
    });

    public Task<CommitOutcome> Delete(WriteRequest request)
    {
        var refusal = CheckWriter(request.SessionSecretHash, request.Path, isPut: false);
        return refusal == Refusal.None
            ? RemoveEntry(request.Path)
            : Task.FromResult(new CommitOutcome(refusal, 0, null));
    }

    public Task<CommitOutcome> AdminDelete(string path) =>
        CheckOperator() is var refusal && refusal != Refusal.None ? Task.FromResult(new CommitOutcome(refusal, 0, null)) : RemoveEntry(path);

    public Task<Refusal> AuthorizeRead(string? sessionSecretHash, string path) =>
        Task.FromResult(CheckReader(sessionSecretHash, path));

    public async Task<ReadOutcome> Read(ReadRequest request)
    {
        var refusal = CheckReader(request.SessionSecretHash, request.Path);
        if (refusal != Refusal.None)
        {
            return new ReadOutcome(refusal, null);
        }
        var byOwner = HasSession(request.SessionSecretHash);
        return new ReadOutcome(Refusal.None, await ReadEntry(request.Path, request.Fresh), byOwner, byOwner ? ReadRate() : null);
    }

    public async Task<ReadOutcome> AdminRead(string path, bool fresh) => CheckOperator() is var refusal && refusal != Refusal.None
        ? new ReadOutcome(refusal, null)
        : new ReadOutcome(Refusal.None, await ReadEntry(path, fresh));

    public async Task<IReadOnlyList<ListedEntry>> AdminList(ListRequest request)
    {
        var page = await store.ListAsync(
            User, new ListQuery(WebDavPath.Parse(request.Directory), request.Cursor, request.Limit, request.Reverse, request.Shallow));
        // A page's files are read together: the cache answers most, the rest are point reads of the index.
        return await Task.WhenAll(page.Select(async path =>
            new ListedEntry(path, path.EndsWith('/') ? null : await ReadEntry(path, fresh: false))));
    }

    /// <summary>The entry at a file path, from the cache unless <paramref name="fresh"/>; null when no file is there.</summary>
    private async Task<EntryView?> ReadEntry(string path, bool fresh)
    {
        if (!fresh && _entries.TryGet(path, out var cached))
        {
            return cached?.ToView(path);
        }
        var commits = _commits;
        var entry = await store.GetEntryAsync(User, WebDavPath.Parse(path));
        Remember(path, entry, commits);
        return entry?.ToView(path);
    }

    public async Task<IReadOnlyList<string>?> List(ListRequest request)
    {
        var directory = WebDavPath.Parse(request.Directory);
        return await store.HasEntriesUnderAsync(User, directory)
            ? await store.ListAsync(User, new ListQuery(directory, request.Cursor, request.Limit, request.Reverse, request.Shallow))
            : null;
    }

    public async Task<bool> SetDisabled(bool disabled)
    {
        if (_user is null || !await store.UpdateUserSettingsAsync(User, disabled, _user.Quota))
        {
            return false;
        }
        // The store's version moved with the settings: the next commit reads the user instead of conflicting.
        _user = _user with { Disabled = disabled, Version = null };
        return true;
    }

    public Task<UserUsage?> GetUsage() =>
        Task.FromResult(_user is null ? null : new UserUsage(_user.UsedBytes, _user.FileCount, _user.LastWrite));

    public Task<UserQuota?> GetQuota() => Task.FromResult(_user?.Quota.ToView());

    public async Task<bool> SetQuota(UserQuota quota)
    {
        var record = quota.ToRecord();
        if (_user is null || !await store.UpdateUserSettingsAsync(User, _user.Disabled, record))
        {
            return false;
        }
        _user = _user with { Quota = record, Version = null };
        return true;
    }

    public Task Subscribe(IUserEventObserver observer)
    {
        _subscribers.Renew(observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IUserEventObserver observer)
    {
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    /// <summary>The writer checks in the reference's order: session, capability, user, allowed paths, then disabled (PUT only).</summary>
    private Refusal CheckWriter(string? sessionSecretHash, string path, bool isPut)
    {
        if (sessionSecretHash is null)
        {
            return Refusal.NoSessionSecret;
        }
        if (SessionCapabilities(sessionSecretHash) is not { } capabilities)
        {
            return Refusal.SessionNotFound;
        }
        if (!capabilities.CanWrite(path))
        {
            return Refusal.NoWriteAccess;
        }
        if (_user is null)
        {
            return Refusal.UserNotFound;
        }
        if (_user.Quota.AllowedWritePaths is { } allowed && !allowed.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return Refusal.WritePathNotAllowed;
        }
        return isPut && _user.Disabled ? Refusal.UserDisabled : Refusal.None;
    }

    /// <summary>The operator may read and write any path of an existing user, disabled or not, whatever its allowed write paths.</summary>
    private Refusal CheckOperator() => _user is null ? Refusal.UserNotFound : Refusal.None;

    /// <summary>Reads under /pub/ are public; under /priv/ they need a session whose capabilities allow the path.</summary>
    private Refusal CheckReader(string? sessionSecretHash, string path)
    {
        if (!path.StartsWith("/priv/", StringComparison.Ordinal))
        {
            return Refusal.None;
        }
        if (SessionCapabilities(sessionSecretHash) is not { } capabilities)
        {
            return Refusal.PrivateReadNeedsSession;
        }
        return capabilities.CanRead(path) ? Refusal.None : Refusal.NoReadAccess;
    }

    /// <summary>
    /// The path checks of a write and the entry now there, in one store read. A path the store cannot hold is refused
    /// before any write (the Azure profile's key-length limit). A file the cache holds needs no read: every write checks
    /// that no file is above it and nothing below it, so a file's path passes both checks for as long as it is there
    /// (in the cluster the read is a range query, the costliest table operation of a PUT; README "How writes and reads
    /// are paid for").
    /// </summary>
    private async Task<(WriteTarget? Target, Refusal Refusal)> Inspect(WebDavPath path, long commitsBefore)
    {
        if (_inFlight.TryGet(path.Value, out var pending))
        {
            if (pending is not null)
            {
                return (new WriteTarget(false, pending), Refusal.None);
            }
        }
        else if (_entries.TryGet(path.Value, out var cached) && cached is not null)
        {
            return (new WriteTarget(false, cached), Refusal.None);
        }
        if (_inFlight.Touches(path.Value))
        {
            // The store's answer must include the commits in flight that bear on this path (a file one adds above it).
            await _inFlight.DrainAsync();
        }
        WriteTarget target;
        try
        {
            target = await store.InspectWriteAsync(User, path);
        }
        catch (PathTooLongForStoreException)
        {
            return (null, Refusal.PathTooLongForStore);
        }
        Remember(path.Value, target.Current, commitsBefore);
        return target.Collides ? (null, Refusal.PathCollision) : (target, Refusal.None);
    }

    /// <summary>Caches what a store read returned, unless a commit began since the read did (it may be outdated).</summary>
    private void Remember(string path, EntryRecord? entry, long commitsBefore)
    {
        if (commitsBefore == _commits)
        {
            _entries.Set(path, entry);
        }
    }

    private Task<CommitOutcome> RemoveEntry(string text) => Write(async () =>
    {
        var path = WebDavPath.Parse(text);
        if (!_inFlight.TryGet(text, out var old) || old is null)
        {
            if (_inFlight.Touches(text))
            {
                await _inFlight.DrainAsync();
            }
            if (!_entries.TryGet(text, out old))
            {
                old = await store.GetEntryAsync(User, path);
            }
        }
        if (old is null)
        {
            return Answered(new CommitOutcome(Refusal.EntryNotFound, 0, null));
        }
        var change = new EntryChange(
            User, path, old.BlobId, NewEntry: null, -(old.ContentLength + StorageAccounting.EntryOverheadBytes), -1, clock.GetUtcNow(),
            _user!.Version);
        return StartCommit(change, old.BlobId);
    });

    /// <summary>
    /// Decides a write under the write turn, against the durable state and the commits in flight, and waits for its
    /// commit outside it: the next write is decided meanwhile, and where the store allows (<see cref="IUserStore.MaxCommitsInFlight"/>)
    /// its commit joins the same transaction, so one user's queued writes share one fsync. A conflict means the store
    /// moved under this activation: the user is read back and the write decided again.
    /// </summary>
    private async Task<CommitOutcome> Write(Func<Task<Task<CommitOutcome>>> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Task<CommitOutcome> committing;
                await _writeTurn.WaitAsync();
                try
                {
                    if (_inFlight.Count >= store.MaxCommitsInFlight)
                    {
                        await _inFlight.DrainAsync();
                    }
                    await ReloadIfStale();
                    committing = await decide();
                }
                finally
                {
                    _writeTurn.Release();
                }
                return await committing;
            }
            catch (StoreConflictException) when (attempt < CommitAttempts)
            {
                LogCommitConflict(User, attempt);
            }
        }
    }

    private static Task<CommitOutcome> Answered(CommitOutcome outcome) => Task.FromResult(outcome);

    /// <summary>
    /// Starts the commit (in the store's order of starts) and, once it is durable, moves the cache, usage and version
    /// along; reads and checks begun before it are outdated. A failed commit may still have become durable (the Azure
    /// store fails after its first step when the event log is out of reach), so the cache is dropped and the user read
    /// back before the next decision.
    /// </summary>
    private Task<CommitOutcome> StartCommit(EntryChange change, string? releasedBlobId)
    {
        _commits++;
        _inFlight.Started(change);
        return Durable();

        async Task<CommitOutcome> Durable()
        {
            CommitReceipt receipt;
            try
            {
                receipt = await store.CommitAsync(change);
            }
            catch
            {
                Ended();
                _entries.Clear();
                _userStale = true;
                throw;
            }
            Ended();
            _entries.Set(change.Path.Value, change.NewEntry);
            _user = _user! with
            {
                UsedBytes = _user.UsedBytes + change.UsedBytesDelta,
                FileCount = _user.FileCount + change.FileCountDelta,
                LastWrite = change.At,
                Version = receipt.Version,
            };
            Publish(receipt.Event.ToView());
            return new CommitOutcome(Refusal.None, receipt.Event.Id, releasedBlobId);
        }

        void Ended()
        {
            _commits++;
            _inFlight.Ended(change);
        }
    }

    /// <summary>Reads the user back once no commit is in flight (each adds its own delta when durable); if that fails, the next write tries again.</summary>
    private async Task ReloadIfStale()
    {
        if (!_userStale)
        {
            return;
        }
        await _inFlight.DrainAsync();
        try
        {
            _user = await store.GetUserAsync(User) ?? _user;
            _userStale = false;
        }
        catch (Exception failure)
        {
            LogReloadFailed(User, failure);
        }
    }

    private void Publish(EventView committed)
    {
        foreach (var subscriber in _subscribers.Live())
        {
            subscriber.OnEvent(committed).Ignore();
        }
    }

    /// <summary>
    /// Tells every live subscriber which sessions ended, once that is durable, so a private stream opened with one of
    /// them ends on whichever gateway it is open (the reference's auth revocation notices,
    /// pubky-homeserver/src/client_server/auth/revocation.rs). A lost notice is caught by the stream's re-check when it
    /// renews its subscription.
    /// </summary>
    private void AnnounceEnded(IReadOnlyCollection<string> sessionSecretHashes)
    {
        if (sessionSecretHashes.Count == 0)
        {
            return;
        }
        foreach (var subscriber in _subscribers.Live())
        {
            foreach (var hash in sessionSecretHashes)
            {
                subscriber.OnSessionEnded(hash).Ignore();
            }
        }
    }

    /// <summary>The user's override when the operator set one (its limit, or none for unlimited), else the configured default.</summary>
    private Bandwidth? ReadRate() => RateOverride.FromText(_user?.Quota.RateRead) is { } rate ? rate.Limit : limits.Value.RateRead;

    private Bandwidth? WriteRate() => RateOverride.FromText(_user?.Quota.RateWrite) is { } rate ? rate.Limit : limits.Value.RateWrite;

    private long? QuotaBytes()
    {
        if (_user is null || _user.Quota.Unlimited)
        {
            return null;
        }
        return (_user.Quota.StorageQuotaMb ?? limits.Value.DefaultQuotaMb) * StorageAccounting.BytesPerMb;
    }

    /// <summary>False when the token was seen before. Ids are kept until the token could no longer pass the time window.</summary>
    private bool RememberAuthToken(AuthTokenClaim claim)
    {
        var now = UnixMicros.Now(clock);
        foreach (var expired in state.State.SeenAuthTokens.Where(t => t.Value < now).Select(t => t.Key).ToList())
        {
            state.State.SeenAuthTokens.Remove(expired);
        }
        if (state.State.SeenAuthTokens.ContainsKey(claim.ReplayId))
        {
            return false;
        }
        var windowMicros = (ulong)limits.Value.AuthTokenWindowSeconds * 1_000_000;
        state.State.SeenAuthTokens[claim.ReplayId] = claim.TimestampMicros + windowMicros;
        return true;
    }

    /// <summary>Creates the user, spending the signup token when one is given (null in open signup mode).</summary>
    private async Task<Refusal> CreateUser(string? signupToken)
    {
        if (_user is not null)
        {
            return Refusal.UserAlreadyExists;
        }
        var quota = QuotaRecord.Default;
        if (signupToken is not null)
        {
            var (refusal, tokenQuota) = await GrainFactory.GetGrain<ISignupTokenGrain>(signupToken).Claim(User);
            if (refusal != Refusal.None)
            {
                return refusal;
            }
            quota = tokenQuota.ToRecord();
        }
        var record = new UserRecord(User, clock.GetUtcNow(), Disabled: false, quota, UsedBytes: 0, FileCount: 0, LastWrite: null);
        if (!await store.TryCreateUserAsync(record))
        {
            _user = await store.GetUserAsync(User);
            return Refusal.UserAlreadyExists;
        }
        _user = record;
        LogSignedUp(User);
        return Refusal.None;
    }

    /// <summary>The token was accepted as used even though the request fails: persist that before answering.</summary>
    private async Task<SessionGrant> RefuseAfterRemembering(Refusal refusal)
    {
        await state.WriteStateAsync();
        return SessionGrant.Refused(refusal);
    }

    private async Task<SessionGrant> OpenSession(AuthTokenClaim claim)
    {
        var secret = SessionSecret.Generate();
        var capabilities = CapabilityList.Parse(claim.Capabilities).ToString();
        var createdAt = UnixMicros.Now(clock);
        var sessions = state.State.Sessions;
        sessions[SessionSecret.Hash(secret)] = new StoredSession(capabilities, createdAt);
        var dropped = new List<string>();
        while (sessions.Count > limits.Value.MaxSessionsPerUser)
        {
            var oldest = sessions.MinBy(s => s.Value.CreatedAtMicros).Key;
            sessions.Remove(oldest);
            dropped.Add(oldest);
        }
        await state.WriteStateAsync();
        AnnounceEnded(dropped);
        return new SessionGrant(Refusal.None, secret, capabilities, createdAt);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "User {User} signed up")]
    private partial void LogSignedUp(string user);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "User {User}: the store moved under a commit (attempt {Attempt}); reloading")]
    private partial void LogCommitConflict(string user, int attempt);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "User {User}: a commit failed and reading the user back failed too; the next commit reloads it")]
    private partial void LogReloadFailed(string user, Exception failure);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "User {User}: refused the commit of blob {BlobId}, uploaded {Delay} ago, past Limits:MaxCommitDelay")]
    private partial void LogCommitTooLate(string user, string blobId, TimeSpan delay);
}
