using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// Verifies a grant and its PoP in the reference's order (so the same bad input gets the same error). Replay of a PoP
/// nonce, revocation and the user's existence are not here: they need the state the user's grain owns.
/// </summary>
public sealed class GrantVerifier(PublicKey homeserver, TimeProvider clock)
{
    /// <summary>How far a PoP's <c>iat</c> may be from now, either way (the AuthToken window).</summary>
    public static readonly TimeSpan PopWindow = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Decode the payload for <c>iss</c>, check the signature with that key, then the header's typ, then expiry;
    /// a normal grant's <c>iat</c> is not checked.
    /// </summary>
    public GrantClaims VerifyGrant(string? compact)
    {
        var jws = CompactJws.TryParse(compact) ?? throw InvalidGrantException.Of(GrantError.GrantInvalidFormat);
        var claims = GrantClaims.TryParse(jws.Payload) ?? throw InvalidGrantException.Of(GrantError.GrantInvalidFormat);
        if (!jws.IsSignedBy(claims.Issuer))
        {
            throw InvalidGrantException.Of(GrantError.GrantInvalidSignature);
        }
        if (jws.Type != GrantClaims.JwsType)
        {
            throw InvalidGrantException.Of(GrantError.GrantInvalidHeaderType);
        }
        if (claims.ExpiresAt <= NowSeconds())
        {
            throw InvalidGrantException.Of(GrantError.GrantExpired);
        }
        return claims;
    }

    /// <summary>Signature by the grant's <c>cnf</c> key, typ, audience = this homeserver, gid = jti, iat window.</summary>
    public PopClaims VerifyPop(string? compact, GrantClaims grant)
    {
        var jws = CompactJws.TryParse(compact) ?? throw InvalidGrantException.Of(GrantError.PopInvalidFormat);
        var claims = PopClaims.TryParse(jws.Payload);
        // The reference decodes the claims while checking the signature, so unreadable claims count as a bad signature.
        if (claims is null || !jws.IsSignedBy(grant.Confirmation))
        {
            throw InvalidGrantException.Of(GrantError.PopInvalidSignature);
        }
        if (jws.Type != PopClaims.JwsType)
        {
            throw InvalidGrantException.Of(GrantError.PopInvalidHeaderType);
        }
        if (claims.Audience != homeserver)
        {
            throw InvalidGrantException.Of(GrantError.PopAudienceMismatch);
        }
        if (claims.GrantId != grant.GrantId)
        {
            throw InvalidGrantException.Of(GrantError.PopGrantIdMismatch);
        }
        if (Math.Abs(claims.IssuedAt - NowSeconds()) > (long)PopWindow.TotalSeconds)
        {
            throw InvalidGrantException.Of(GrantError.PopTimestampOutOfRange);
        }
        return claims;
    }

    private long NowSeconds() => clock.GetUtcNow().ToUnixTimeSeconds();
}
