using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.SignupTokens;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>GET /signup_tokens/{token}: lets an app check a token before asking its user to sign up with it.</summary>
public static class SignupTokenEndpoint
{
    public static async Task<IResult> Handle(string token, HttpContext context, IGrainFactory grains, SignupPolicy policy)
    {
        if (!policy.TokenRequired)
        {
            return PlainText.Error(400, "Signup tokens not required");
        }
        if (!SignupToken.IsValidFormat(token))
        {
            return PlainText.Error(400, SignupToken.InvalidFormatMessage);
        }
        if (await grains.GetGrain<ISignupTokenGrain>(token).Get() is not { } view)
        {
            return PlainText.Error(404, "Token not found");
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { status = view.UsedBy is null ? "valid" : "used", created_at = view.CreatedAt.ToString("O") });
    }
}
