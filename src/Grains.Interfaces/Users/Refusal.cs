namespace PubkyCluster.Grains.Users;

/// <summary>
/// Why a user grain said no. Grains never see HTTP: the gateway maps each refusal to the reference's status and text.
/// </summary>
public enum Refusal
{
    None = 0,
    UserNotFound,
    UserAlreadyExists,
    UserDisabled,
    AuthTokenAlreadyUsed,
    SignupTokenRequired,
    SignupTokenInvalid,
    SignupTokenAlreadyUsed,
    NoSessionSecret,
    SessionNotFound,
    SessionUserMismatch,
    NoWriteAccess,
    NoReadAccess,
    PrivateReadNeedsSession,
    WritePathNotAllowed,
    QuotaExceededEarly,
    QuotaExceeded,
    PathCollision,
    EntryNotFound,

    /// <summary>A valid path longer than the configured store can hold (the Azure profile's key limit).</summary>
    PathTooLongForStore,

    /// <summary>
    /// The body became durable longer than Limits:MaxCommitDelay before the commit reached the grain (a slow path or a
    /// failover); the orphan sweeper may already consider it old, so the write is refused and the client retries.
    /// </summary>
    CommitTooLate,

    /// <summary>The PoP's nonce was presented before within its window.</summary>
    PopNonceAlreadyUsed,
    GrantRevoked,

    /// <summary>No grant with that id among the user's grants.</summary>
    GrantNotFound,

    /// <summary>Listing and revoking grants needs a session holding the root capability.</summary>
    RootCapabilityRequired,

    /// <summary>A new grant beyond Limits:MaxGrantsPerUser, after the expired ones were forgotten.</summary>
    TooManyGrants,

    /// <summary>A grant id that cannot be one (empty or too long), told only to a root session as the reference does.</summary>
    GrantIdInvalid,
}
