using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.SignupTokens;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>Signup tokens for token-required signup: GET gives the default quota, POST carries a quota for the user.</summary>
public static class SignupTokenEndpoints
{
    public const string Route = "/generate_signup_token";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (IGrainFactory grains) => CreateAsync(grains, UserQuota.Default));
        endpoints.MapPost(Route, async (IGrainFactory grains, HttpContext context) =>
        {
            var (patch, error) = await AdminJson.ReadQuotaPatchAsync(context, emptyMeansNoChange: true);
            return error ?? await CreateAsync(grains, patch!.ApplyTo(UserQuota.Default));
        });
    }

    private static async Task<IResult> CreateAsync(IGrainFactory grains, UserQuota quota)
    {
        var token = SignupToken.Generate();
        await grains.GetGrain<ISignupTokenGrain>(token).Create(quota);
        return Results.Text(token, PlainText.ContentType);
    }
}
