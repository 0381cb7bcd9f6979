using Orleans.Concurrency;
using PubkyCluster.Grains.Users.Grants;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// One user, keyed by the user's z-base-32 public key. It owns the user's sessions, the AuthToken replay window for
/// the key, the quota, and the serial commit of the user's writes (entry index, used bytes and event in one step).
/// Reads interleave with writes; writes run one at a time.
/// </summary>
[Alias("pubky.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user and a first session. <paramref name="signupToken"/> is null in open signup mode.</summary>
    [Alias("SignUp")]
    Task<SessionGrant> SignUp(AuthTokenClaim claim, string? signupToken);

    /// <summary>Adds a session for an existing user (disabled users may sign in).</summary>
    [Alias("SignIn")]
    Task<SessionGrant> SignIn(AuthTokenClaim claim);

    [ReadOnly, AlwaysInterleave, Alias("GetSession")]
    Task<SessionView?> GetSession(string sessionSecretHash);

    /// <summary>Removes the session if it exists; idempotent.</summary>
    [Alias("SignOut")]
    Task SignOut(string sessionSecretHash);

    [ReadOnly, AlwaysInterleave, Alias("Exists")]
    Task<bool> Exists();

    /// <summary>Session, capability, disabled and allowed-path checks, and the early quota answer, before an upload.</summary>
    [ReadOnly, AlwaysInterleave, Alias("AuthorizeWrite")]
    Task<WriteDecision> AuthorizeWrite(WriteRequest request);

    /// <summary>
    /// Checks the writer again, the path only when something was committed since <see cref="PutCommit.Checked"/>, then
    /// the exact quota, and commits entry, used bytes and event at once. Interleaves: the grain decides one write at a
    /// time but waits for durability outside that turn, so queued commits of one user can share a transaction.
    /// </summary>
    [AlwaysInterleave, Alias("CommitPut")]
    Task<CommitOutcome> CommitPut(PutCommit commit);

    [Alias("Delete")]
    Task<CommitOutcome> Delete(WriteRequest request);

    /// <summary>Reads under /pub/ are public; reads under /priv/ need the owner's session with a read capability.</summary>
    [ReadOnly, AlwaysInterleave, Alias("AuthorizeRead")]
    Task<Refusal> AuthorizeRead(string? sessionSecretHash, string path);

    /// <summary>
    /// A file read in one call: the read check of <see cref="AuthorizeRead"/>, then the entry, from the grain's cache of
    /// its recent entries when it has it.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("Read")]
    Task<ReadOutcome> Read(ReadRequest request);

    /// <summary>
    /// Entry paths of a listing page (files, and directories ending in '/' when shallow); null when the user has no
    /// entry under the directory at all (the reference's 404 "Directory Not Found").
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("List")]
    Task<IReadOnlyList<string>?> List(ListRequest request);

    /// <summary>False when the user does not exist.</summary>
    [Alias("SetDisabled")]
    Task<bool> SetDisabled(bool disabled);

    [ReadOnly, AlwaysInterleave, Alias("GetUsage")]
    Task<UserUsage?> GetUsage();

    [ReadOnly, AlwaysInterleave, Alias("GetQuota")]
    Task<UserQuota?> GetQuota();

    /// <summary>False when the user does not exist.</summary>
    [Alias("SetQuota")]
    Task<bool> SetQuota(UserQuota quota);

    /// <summary>An operator's delete: no session, same accounting and event as a user's.</summary>
    [Alias("AdminDelete")]
    Task<CommitOutcome> AdminDelete(string path);

    /// <summary>
    /// An operator's write check (admin WebDAV): the user must exist; no session, capability, disabled or allowed-path
    /// check, the same path and early quota checks as <see cref="AuthorizeWrite"/>.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("AdminAuthorizeWrite")]
    Task<WriteDecision> AdminAuthorizeWrite(string path, long? declaredLength);

    /// <summary>An operator's commit: <see cref="CommitPut"/> with the writer check of <see cref="AdminAuthorizeWrite"/>.</summary>
    [AlwaysInterleave, Alias("AdminCommitPut")]
    Task<CommitOutcome> AdminCommitPut(PutCommit commit);

    /// <summary>An operator's file read: any path of an existing user (else <see cref="Refusal.UserNotFound"/>), no session.</summary>
    [ReadOnly, AlwaysInterleave, Alias("AdminRead")]
    Task<ReadOutcome> AdminRead(string path, bool fresh);

    /// <summary>
    /// A listing page with each file's entry (directories, when shallow, have none), for the operator's WebDAV; empty
    /// when nothing is under the directory. Costs the page's index lookups plus one per file not in the grain's cache.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("AdminList")]
    Task<IReadOnlyList<ListedEntry>> AdminList(ListRequest request);

    /// <summary>Live events of this user go to <paramref name="observer"/> until it unsubscribes or its lease lapses.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IUserEventObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IUserEventObserver observer);

    /// <summary>
    /// Exchanges a verified grant and PoP for a bearer: refuses a used nonce, a revoked grant and an unknown user; keeps
    /// the grant (first copy wins) and replaces the grant's previous bearer, so a grant has one live bearer.
    /// </summary>
    [Alias("ExchangeGrant")]
    Task<GrantSessionMint> ExchangeGrant(GrantExchange exchange);

    /// <summary>Creates the user from a verified signup grant and PoP; no session is opened (signup-token rules as SignUp).</summary>
    [Alias("SignUpWithGrant")]
    Task<Refusal> SignUpWithGrant(GrantExchange exchange, string? signupToken);

    /// <summary>The live grant session of a bearer (by its hash); null when unknown, expired or revoked.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetGrantSession")]
    Task<GrantSessionView?> GetGrantSession(string bearerHash);

    /// <summary>Revokes the whole grant of a live bearer, if any; idempotent.</summary>
    [Alias("RevokeGrantOfBearer")]
    Task RevokeGrantOfBearer(string bearerHash);

    /// <summary>The active grants, for a session (cookie or bearer, by hash) holding the root capability.</summary>
    [ReadOnly, AlwaysInterleave, Alias("ListGrants")]
    Task<GrantList> ListGrants(string? sessionHash);

    /// <summary>Revokes one grant, for a session (cookie or bearer, by hash) holding the root capability.</summary>
    [Alias("RevokeGrant")]
    Task<Refusal> RevokeGrant(string? sessionHash, string grantId);
}
