using System.Text.Json.Nodes;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin API's quota answer (GET /users/{pubkey}/quota in pubky-core main's pubky-homeserver/openapi-admin.yml):
/// <c>overrides</c> is what the operator set for the user (null = the default), <c>effective</c> is what is
/// enforced, with the configured default filled in (no default = unlimited). Rates are the reference's bandwidth text.
/// </summary>
public static class QuotaView
{
    public static JsonObject Render(UserQuota quota, LimitsOptions limits)
    {
        var enforcedMb = quota.Unlimited ? null : quota.StorageQuotaMb ?? limits.DefaultQuotaMb;
        var effective = Fields(enforcedMb is { } mb ? mb : Unlimited(), quota.AllowedWritePaths);
        effective[QuotaPatch.RateReadField] = Rate(quota.RateRead ?? new RateOverride(limits.RateRead));
        effective[QuotaPatch.RateWriteField] = Rate(quota.RateWrite ?? new RateOverride(limits.RateWrite));
        var overrides = Fields(quota.Unlimited ? Unlimited() : quota.StorageQuotaMb, quota.AllowedWritePaths);
        overrides[QuotaPatch.RateReadField] = Rate(quota.RateRead);
        overrides[QuotaPatch.RateWriteField] = Rate(quota.RateWrite);
        return new JsonObject { ["effective"] = effective, ["overrides"] = overrides };
    }

    private static JsonObject Fields(JsonNode? storageQuotaMb, IReadOnlyList<string>? allowedWritePaths) => new()
    {
        [QuotaPatch.StorageField] = storageQuotaMb,
        [QuotaPatch.WritePathsField] = allowedWritePaths is null ? null : new JsonArray([.. allowedWritePaths.Select(p => JsonValue.Create(p))]),
    };

    private static JsonNode? Rate(RateOverride? rate) => rate is null ? null : JsonValue.Create(rate.ToString());

    private static JsonNode Unlimited() => JsonValue.Create(QuotaPatch.UnlimitedValue);
}
