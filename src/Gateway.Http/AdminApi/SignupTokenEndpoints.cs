using Pubky.Protocol.Sessions;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Operators;
using PubkyCluster.Grains.SignupTokens;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// Signup tokens for token-required signup: generating them (GET gives the default quota, POST carries a quota for the
/// user), and listing them with who used each.
/// </summary>
public static class SignupTokenEndpoints
{
    public const string Route = "/generate_signup_token";
    public const string ListRoute = "/signup_tokens";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (IGrainFactory grains) => CreateAsync(grains, UserQuota.Default));
        endpoints.MapPost(Route, async (IGrainFactory grains, HttpContext context) =>
        {
            var (patch, error) = await AdminJson.ReadQuotaPatchAsync(context, emptyMeansNoChange: true);
            return error ?? await CreateAsync(grains, patch!.ApplyTo(UserQuota.Default));
        });
        endpoints.MapGet(ListRoute, ListAsync);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, HttpContext context)
    {
        var (request, error) = SignupTokenListRequest.Parse(context.Request.Query);
        if (request is null)
        {
            return PlainText.Error(StatusCodes.Status400BadRequest, error!);
        }

        var page = await grains.GetGrain<IHomeserverTotalsGrain>(0).ListSignupTokens(request.State, request.Cursor, request.Limit);
        return AdminJson.Ok(new SignupTokenList(
            [.. page.Items.Select(t => new SignupTokenListItem(
                t.Token, AdminJson.NaiveUtc(t.CreatedAt), t.UsedAt is { } usedAt ? AdminJson.NaiveUtc(usedAt) : null, t.UsedBy))],
            page.NextCursor));
    }

    private static async Task<IResult> CreateAsync(IGrainFactory grains, UserQuota quota)
    {
        var token = SignupToken.Generate();
        await grains.GetGrain<ISignupTokenGrain>(token).Create(quota);
        return Results.Text(token, PlainText.ContentType);
    }
}

/// <summary>The reference's SignupTokensResponse.</summary>
internal sealed record SignupTokenList(IReadOnlyList<SignupTokenListItem> Items, string? NextCursor);

/// <summary>The reference's SignupTokenItem; used_by is the user's z32 key.</summary>
internal sealed record SignupTokenListItem(string Token, string CreatedAt, string? UsedAt, string? UsedBy);
