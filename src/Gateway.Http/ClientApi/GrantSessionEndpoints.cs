using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;
using PubkyCluster.Grains.Users.Grants;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Grant exchange, bearer session lookup and grant signout. POST finds the user from the grant's <c>iss</c>. GET and
/// DELETE find the bearer's user grain by the tenant: the reference SDK sends them to the user's own endpoint
/// (<c>https://_pubky.&lt;user z32&gt;/auth/grant/session</c>, pubky-sdk <c>user_endpoint_url</c>), which arrives here
/// as the pubky-host of that user.
/// </summary>
public static class GrantSessionEndpoints
{
    public const string NoSessionMessage = "No authenticated session found";

    public static async Task<IResult> Create(HttpContext context, UserGrains users, GrantVerifier verifier, HomeserverIdentity identity)
    {
        var (request, failure) = await GrantRequest.ReadAsync(context, verifier);
        if (request is null)
        {
            return failure!;
        }
        var mint = await users.For(request.Grant.Issuer.Z32).ExchangeGrant(request.ToExchange());
        if (mint.Refusal != Refusal.None)
        {
            return RefusalResponses.For(mint.Refusal);
        }
        return Results.Json(new { token = mint.Bearer, session = Info(identity.PublicKey, request.Grant.Issuer, mint.Session!) });
    }

    public static async Task<IResult> Get(HttpContext context, UserGrains users, HomeserverIdentity identity)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant || SessionCredential.BearerHash(context.Request) is not { } hash
            || await users.For(tenant.Z32).GetGrantSession(hash) is not { } session)
        {
            return PlainText.Error(401, NoSessionMessage);
        }
        return Results.Json(Info(identity.PublicKey, tenant, session));
    }

    /// <summary>Revokes the whole grant behind the bearer; 200 whether or not there was one.</summary>
    public static async Task<IResult> SignOut(HttpContext context, UserGrains users)
    {
        if (Tenant.Resolve(context.Request) is { } tenant && SessionCredential.BearerHash(context.Request) is { } hash)
        {
            await users.For(tenant.Z32).RevokeGrantOfBearer(hash);
        }
        return Results.Ok();
    }

    private static object Info(PublicKey homeserver, PublicKey user, GrantSessionView session) => new
    {
        homeserver = homeserver.Z32,
        pubky = user.Z32,
        client_id = session.ClientId,
        capabilities = CapabilityList.Parse(session.Capabilities).Select(c => c.ToString()).ToArray(),
        grant_id = session.GrantId,
        token_expires_at = session.TokenExpiresAt,
        grant_expires_at = session.GrantExpiresAt,
        created_at = session.CreatedAt,
    };
}
