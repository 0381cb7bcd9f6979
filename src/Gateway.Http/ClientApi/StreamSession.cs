namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// The session a live private stream was authorised by: a cookie session or a bearer, by its secret's SHA-256. The
/// stream ends when the user grain announces that this session ended, at <see cref="ExpiresAt"/> (a bearer's end, or
/// its grant's when sooner), or when <see cref="StillAuthorizedAsync"/> says no. That re-check runs right after the
/// stream subscribes (a revocation between the first check and the subscription had no one to tell) and at each
/// renewal (a notice lost with a silo), as the reference validates after subscribing
/// (pubky-homeserver/src/client_server/auth/stream_auth.rs).
/// </summary>
public sealed record StreamSession(string SecretHash, DateTimeOffset? ExpiresAt, Func<Task<bool>> StillAuthorizedAsync);
