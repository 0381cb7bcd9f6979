using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Operators;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>Per-user operations: disable/enable, usage, and quota overrides. The user grain decides; these only translate.</summary>
public static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/users/{key}/disable", (string key, UserGrains users) => SetDisabledAsync(key, users, disabled: true));
        endpoints.MapPost("/users/{key}/enable", (string key, UserGrains users) => SetDisabledAsync(key, users, disabled: false));
        endpoints.MapGet("/users/disabled", async (IGrainFactory grains) =>
            AdminJson.Ok(await grains.GetGrain<IHomeserverTotalsGrain>(0).ListDisabledUsers()));
        endpoints.MapGet("/users/{key}/usage", GetUsageAsync);
        endpoints.MapGet("/users/{key}/quota", GetQuotaAsync);
        endpoints.MapPatch("/users/{key}/quota", PatchQuotaAsync);
    }

    private static async Task<IResult> SetDisabledAsync(string key, UserGrains users, bool disabled)
    {
        if (!AdminUserKey.TryParse(key, out var user))
        {
            return AdminUserKey.Invalid();
        }
        return await users.For(user.Z32).SetDisabled(disabled)
            ? Results.Text("Ok", PlainText.ContentType)
            : UserNotFound();
    }

    private static async Task<IResult> GetUsageAsync(string key, UserGrains users)
    {
        if (!AdminUserKey.TryParse(key, out var user))
        {
            return AdminUserKey.Invalid();
        }
        return await users.For(user.Z32).GetUsage() is { } usage
            ? AdminJson.Ok(new UsageView(usage.UsedBytes, usage.FileCount, usage.LastWrite?.ToUniversalTime()))
            : UserNotFound();
    }

    private static async Task<IResult> GetQuotaAsync(string key, UserGrains users, IOptions<LimitsOptions> limits)
    {
        if (!AdminUserKey.TryParse(key, out var user))
        {
            return AdminUserKey.Invalid();
        }
        return await users.For(user.Z32).GetQuota() is { } quota
            ? Results.Json(QuotaView.Render(quota, limits.Value))
            : UserNotFound();
    }

    private static async Task<IResult> PatchQuotaAsync(string key, UserGrains users, IOptions<LimitsOptions> limits, HttpContext context)
    {
        if (!AdminUserKey.TryParse(key, out var user))
        {
            return AdminUserKey.Invalid();
        }
        var (patch, error) = await AdminJson.ReadQuotaPatchAsync(context, emptyMeansNoChange: false);
        if (error is not null)
        {
            return error;
        }
        var grain = users.For(user.Z32);
        if (await grain.GetQuota() is not { } current)
        {
            return UserNotFound();
        }
        var updated = patch!.ApplyTo(current);
        return await grain.SetQuota(updated)
            ? Results.Json(QuotaView.Render(updated, limits.Value))
            : UserNotFound();
    }

    public static IResult UserNotFound() => PlainText.Error(StatusCodes.Status404NotFound, "User not found");
}
