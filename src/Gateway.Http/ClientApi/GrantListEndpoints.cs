using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// GET /auth/grant/sessions and DELETE /auth/grant/session/{gid}: the tenant's grants, for a session (bearer, else
/// cookie) holding the root capability.
/// </summary>
public static class GrantListEndpoints
{
    public static async Task<IResult> List(HttpContext context, UserGrains users)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant)
        {
            return PlainText.Error(401, GrantSessionEndpoints.NoSessionMessage);
        }
        var list = await users.For(tenant.Z32).ListGrants(SessionCredential.Hash(context.Request, tenant));
        if (list.Refusal != Refusal.None)
        {
            return Refuse(list.Refusal);
        }
        return Results.Json(list.Grants.Select(g => new
        {
            grant_id = g.GrantId,
            client_id = g.ClientId,
            capabilities = g.Capabilities,
            issued_at = g.IssuedAt,
            expires_at = g.ExpiresAt,
        }));
    }

    public static async Task<IResult> Revoke(HttpContext context, string gid, UserGrains users)
    {
        if (Tenant.Resolve(context.Request) is not { } tenant)
        {
            return PlainText.Error(401, GrantSessionEndpoints.NoSessionMessage);
        }
        var refusal = await users.For(tenant.Z32).RevokeGrant(SessionCredential.Hash(context.Request, tenant), gid);
        return refusal == Refusal.None ? Results.Ok() : Refuse(refusal);
    }

    private static IResult Refuse(Refusal refusal) => refusal == Refusal.SessionNotFound
        ? PlainText.Error(401, GrantSessionEndpoints.NoSessionMessage)
        : RefusalResponses.For(refusal);
}
