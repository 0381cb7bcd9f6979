using Microsoft.Extensions.Logging;
using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Sessions;
using PubkyCluster.Grains.Users.Grants;

namespace PubkyCluster.Grains.Users;

/// <summary>
/// The user's grants, their bearers and the PoP nonce window. Being the single writer for the user, the grain makes a
/// nonce single-use, a revocation final and "one live bearer per grant" exact across the cluster.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>Twice the PoP window, as the reference keeps nonces: a PoP older than that fails its time check anyway.</summary>
    private static readonly long NonceMemorySeconds = 2 * (long)GrantVerifier.PopWindow.TotalSeconds;

    public async Task<GrantSessionMint> ExchangeGrant(GrantExchange exchange)
    {
        var now = NowSeconds();
        ForgetExpiredGrants(now);
        state.State.Grants.TryGetValue(exchange.GrantId, out var grant);
        // The reference's order: revocation, then the nonce, then the user.
        if (grant is { Revoked: true })
        {
            return GrantSessionMint.Refused(Refusal.GrantRevoked);
        }
        if (!RememberPopNonce(exchange.PopNonce, now))
        {
            return GrantSessionMint.Refused(Refusal.PopNonceAlreadyUsed);
        }
        if (_user is null)
        {
            return await RefuseKeepingNonce(Refusal.UserNotFound);
        }
        if (grant is null && state.State.Grants.Count >= limits.Value.MaxGrantsPerUser)
        {
            // Expired grants are already forgotten; a revoked one must stay until it expires, or it could be exchanged again.
            LogTooManyGrants(User, state.State.Grants.Count);
            return await RefuseKeepingNonce(Refusal.TooManyGrants);
        }
        // The first copy of a grant is kept; an exchange with it again only rotates the bearer.
        grant ??= new StoredGrant(
            exchange.ClientId, CapabilityList.Parse(exchange.Capabilities).ToString(), exchange.ClientKey, exchange.IssuedAt,
            exchange.ExpiresAt, Revoked: false, BearerHash: null, BearerExpiresAt: 0, SessionCreatedAt: 0);
        var replaced = grant.BearerHash;
        if (replaced is not null)
        {
            state.State.Bearers.Remove(replaced);
        }
        var bearer = BearerToken.Generate();
        var hash = SessionSecret.Hash(bearer);
        grant = grant with { BearerHash = hash, BearerExpiresAt = now + (long)BearerToken.Lifetime.TotalSeconds, SessionCreatedAt = now };
        state.State.Grants[exchange.GrantId] = grant;
        state.State.Bearers[hash] = exchange.GrantId;
        await state.WriteStateAsync();
        AnnounceEnded(replaced is null ? [] : [replaced]);
        return new GrantSessionMint(Refusal.None, bearer, View(exchange.GrantId, grant));
    }

    public async Task<Refusal> SignUpWithGrant(GrantExchange exchange, string? signupToken)
    {
        if (!RememberPopNonce(exchange.PopNonce, NowSeconds()))
        {
            return Refusal.PopNonceAlreadyUsed;
        }
        var refusal = await CreateUser(signupToken);
        await state.WriteStateAsync();
        return refusal;
    }

    public Task<GrantSessionView?> GetGrantSession(string bearerHash) =>
        Task.FromResult(LiveGrant(bearerHash) is var (id, grant) ? View(id, grant) : null);

    public async Task RevokeGrantOfBearer(string bearerHash)
    {
        if (LiveGrant(bearerHash) is var (id, _))
        {
            await Revoke(id);
        }
    }

    public Task<GrantList> ListGrants(string? sessionHash)
    {
        var refusal = RequireRoot(sessionHash);
        var now = NowSeconds();
        var grants = refusal != Refusal.None
            ? []
            : state.State.Grants
                .Where(g => !g.Value.Revoked && g.Value.ExpiresAt > now)
                .Select(g => new GrantSummary(g.Key, g.Value.ClientId, g.Value.Capabilities, g.Value.IssuedAt, g.Value.ExpiresAt))
                .ToList();
        return Task.FromResult(new GrantList(refusal, grants));
    }

    public async Task<Refusal> RevokeGrant(string? sessionHash, string grantId)
    {
        // The reference's order (grant/routes.rs, revoke_grant): the session, the root capability, then the id's format.
        var refusal = RequireRoot(sessionHash);
        if (refusal != Refusal.None)
        {
            return refusal;
        }
        if (grantId.Length is 0 or > GrantIds.MaxLength)
        {
            return Refusal.GrantIdInvalid;
        }
        if (!state.State.Grants.ContainsKey(grantId))
        {
            return Refusal.GrantNotFound;
        }
        await Revoke(grantId);
        return Refusal.None;
    }

    /// <summary>The capabilities of a cookie session or of a live grant bearer, by the secret's hash; null when neither.</summary>
    private CapabilityList? SessionCapabilities(string? hash)
    {
        if (hash is null)
        {
            return null;
        }
        if (state.State.Sessions.TryGetValue(hash, out var session))
        {
            return CapabilityList.Parse(session.Capabilities);
        }
        return LiveGrant(hash) is var (_, grant) ? CapabilityList.Parse(grant.Capabilities) : null;
    }

    /// <summary>Whether the hash is a cookie session's or a live bearer's, without parsing its capabilities (every owner read asks).</summary>
    private bool HasSession(string? hash) =>
        hash is not null && (state.State.Sessions.ContainsKey(hash) || LiveGrant(hash) is not null);

    /// <summary>The grant of a bearer that is current, unexpired, and whose grant is neither revoked nor expired.</summary>
    private (string Id, StoredGrant Grant)? LiveGrant(string bearerHash)
    {
        var now = NowSeconds();
        return state.State.Bearers.TryGetValue(bearerHash, out var id)
            && state.State.Grants.TryGetValue(id, out var grant)
            && grant is { Revoked: false } && grant.BearerHash == bearerHash
            && grant.BearerExpiresAt > now && grant.ExpiresAt > now
                ? (id, grant)
                : null;
    }

    private Refusal RequireRoot(string? sessionHash) => SessionCapabilities(sessionHash) switch
    {
        null => Refusal.SessionNotFound,
        { IsRoot: false } => Refusal.RootCapabilityRequired,
        _ => Refusal.None,
    };

    private async Task Revoke(string grantId)
    {
        var grant = state.State.Grants[grantId];
        if (grant.BearerHash is { } hash)
        {
            state.State.Bearers.Remove(hash);
        }
        state.State.Grants[grantId] = grant with { Revoked = true, BearerHash = null };
        await state.WriteStateAsync();
        AnnounceEnded(grant.BearerHash is { } ended ? [ended] : []);
        LogGrantRevoked(User, grantId);
    }

    /// <summary>False when the nonce was seen within its window. Forgets nonces past it first.</summary>
    private bool RememberPopNonce(string nonce, long now)
    {
        var nonces = state.State.SeenPopNonces;
        foreach (var old in nonces.Where(n => n.Value < now).Select(n => n.Key).ToList())
        {
            nonces.Remove(old);
        }
        return nonces.TryAdd(nonce, now + NonceMemorySeconds);
    }

    /// <summary>An expired grant can never be exchanged again (its verification fails), so neither it nor its bearer is kept.</summary>
    private void ForgetExpiredGrants(long now)
    {
        foreach (var (id, grant) in state.State.Grants.Where(g => g.Value.ExpiresAt <= now).ToList())
        {
            if (grant.BearerHash is { } hash)
            {
                state.State.Bearers.Remove(hash);
            }
            state.State.Grants.Remove(id);
        }
    }

    /// <summary>The nonce stays spent although the exchange failed.</summary>
    private async Task<GrantSessionMint> RefuseKeepingNonce(Refusal refusal)
    {
        await state.WriteStateAsync();
        return GrantSessionMint.Refused(refusal);
    }

    private static GrantSessionView View(string id, StoredGrant grant) =>
        new(id, grant.ClientId, grant.Capabilities, grant.BearerExpiresAt, grant.ExpiresAt, grant.SessionCreatedAt);

    private long NowSeconds() => clock.GetUtcNow().ToUnixTimeSeconds();

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "User {User}: grant {GrantId} revoked")]
    private partial void LogGrantRevoked(string user, string grantId);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Warning,
        Message = "User {User}: refused a new grant, {Count} unexpired grants are kept (Limits:MaxGrantsPerUser)")]
    private partial void LogTooManyGrants(string user, int count);
}
