using Pubky.Protocol.Auth.Grants;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// POST /auth/grant/signup: a short-lived root grant for client id "pubky.signup" (and its PoP) creates the user under
/// the same signup-token rules as cookie signup; 204, no bearer.
/// </summary>
public static class GrantSignupEndpoint
{
    public const string SignupClientId = "pubky.signup";

    /// <summary>A signup grant proves account creation once; it is no refresh grant.</summary>
    private const long MaxLifetimeSeconds = 300;

    public static async Task<IResult> Handle(
        HttpContext context, UserGrains users, GrantVerifier verifier, SignupPolicy policy, TimeProvider clock, HomeserverMetrics metrics)
    {
        var (signupToken, tokenFailure) = SignupPolicy.ReadToken(context.Request);
        if (tokenFailure is not null)
        {
            return tokenFailure;
        }
        var (request, failure) = await GrantRequest.ReadAsync(context, verifier, grant => RefuseAsSignup(grant, clock));
        if (request is null)
        {
            return failure!;
        }
        var user = users.For(request.Grant.Issuer.Z32);
        if (await policy.RefuseMissingToken(user, signupToken) is { } missing)
        {
            return missing;
        }
        var refusal = await user.SignUpWithGrant(request.ToExchange(), policy.TokenToSpend(signupToken));
        if (refusal != Refusal.None)
        {
            return RefusalResponses.For(refusal);
        }
        metrics.SignedUp();
        return Results.NoContent();
    }

    /// <summary>The reference's signup-grant rules, in its order: client id, root capability, then lifetime.</summary>
    private static IResult? RefuseAsSignup(GrantClaims grant, TimeProvider clock)
    {
        if (grant.ClientId != SignupClientId)
        {
            return Invalid("signup grants must use client_id pubky.signup");
        }
        if (!grant.Capabilities.IsRoot)
        {
            return RefusalResponses.For(Refusal.RootCapabilityRequired);
        }
        if (grant.IssuedAt > clock.GetUtcNow().ToUnixTimeSeconds() + (long)GrantVerifier.PopWindow.TotalSeconds)
        {
            return Invalid("signup grant iat is too far in the future");
        }
        return grant.ExpiresAt - grant.IssuedAt > MaxLifetimeSeconds ? Invalid("signup grant lifetime exceeds 5 minutes") : null;
    }

    /// <summary>The reference answers the bare reason (error_mapping.rs: <c>InvalidSignupGrant(message) => bad_request(message)</c>).</summary>
    private static IResult Invalid(string reason) => PlainText.Error(400, reason);
}
