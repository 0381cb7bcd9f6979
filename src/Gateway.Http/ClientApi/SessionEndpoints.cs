using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Signup, signin, session lookup and signout. The user's key comes only from the AuthToken, never from the host;
/// the gateway checks the token's window and signature, the user's grain its single use across the cluster.
/// </summary>
public static class SessionEndpoints
{
    public const string OctetStream = "application/octet-stream";

    public static async Task<IResult> SignUp(
        HttpContext context, UserGrains users, AuthTokenVerifier verifier, SignupPolicy policy, TimeProvider clock, HomeserverMetrics metrics)
    {
        var (signupToken, tokenFailure) = SignupPolicy.ReadToken(context.Request);
        if (tokenFailure is not null)
        {
            return tokenFailure;
        }
        var (token, failure) = await ReadToken(context, verifier);
        if (token is null)
        {
            return failure!;
        }
        var user = users.For(token.PublicKey.Z32);
        if (await policy.RefuseMissingToken(user, signupToken) is { } missing)
        {
            return missing;
        }
        var grant = await user.SignUp(Claim(token), policy.TokenToSpend(signupToken));
        if (grant.Refusal == Refusal.None)
        {
            metrics.SignedUp();
        }
        return Granted(context, token.PublicKey, grant, clock);
    }

    public static async Task<IResult> SignIn(HttpContext context, UserGrains users, AuthTokenVerifier verifier, TimeProvider clock)
    {
        var (token, failure) = await ReadToken(context, verifier);
        if (token is null)
        {
            return failure!;
        }
        var grant = await users.For(token.PublicKey.Z32).SignIn(Claim(token));
        return Granted(context, token.PublicKey, grant, clock);
    }

    /// <summary>The 0.6.0 answer for "no session" is 404, not 401: the 0.6.0 client's session restore depends on it.</summary>
    public static async Task<IResult> Get(HttpContext context, UserGrains users)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant)
        {
            return PlainText.Error(404, Tenant.MissingMessage);
        }
        var user = users.For(tenant.Z32);
        var session = SessionCookie.SecretHash(context.Request, tenant) is { } hash && await user.Exists()
            ? await user.GetSession(hash)
            : null;
        if (session is null)
        {
            return RefusalResponses.For(Refusal.UserNotFound);
        }
        context.Response.Headers.Vary = "cookie, pubky-host";
        context.Response.Headers.CacheControl = "private, must-revalidate";
        // GET /session reports the creation time in seconds, signup and signin in microseconds: the reference does.
        var info = new SessionInfo(tenant, session.CreatedAtMicros / 1_000_000, CapabilityList.Parse(session.Capabilities));
        return Results.Bytes(info.Encode(), OctetStream);
    }

    public static async Task<IResult> SignOut(HttpContext context, UserGrains users)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant)
        {
            return PlainText.Error(404, Tenant.MissingMessage);
        }
        if (SessionCookie.SecretHash(context.Request, tenant) is { } hash)
        {
            await users.For(tenant.Z32).SignOut(hash);
        }
        SessionCookie.Remove(context, tenant);
        return Results.Ok();
    }

    private static async Task<(AuthToken? Token, IResult? Failure)> ReadToken(HttpContext context, AuthTokenVerifier verifier)
    {
        var body = await SmallBody.ReadAsync(context.Request, SmallBody.AuthTokenMaxBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, SmallBody.TooLarge());
        }
        try
        {
            return (verifier.Verify(body), null);
        }
        catch (InvalidAuthTokenException e)
        {
            return (null, PlainText.Error(400, e.Message));
        }
    }

    private static AuthTokenClaim Claim(AuthToken token) =>
        new(token.ReplayId, token.TimestampMicros, token.Capabilities.ToString());

    private static IResult Granted(HttpContext context, PublicKey user, SessionGrant grant, TimeProvider clock)
    {
        if (grant.Refusal != Refusal.None)
        {
            return RefusalResponses.For(grant.Refusal);
        }
        SessionCookie.Set(context, user, grant.Secret!, clock);
        var info = new SessionInfo(user, grant.CreatedAtMicros, CapabilityList.Parse(grant.Capabilities));
        return Results.Bytes(info.Encode(), OctetStream);
    }
}
