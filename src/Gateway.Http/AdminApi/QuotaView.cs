using System.Text.Json.Nodes;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin API's quota answer (GET /users/{pubkey}/quota in pubky-core main's pubky-homeserver/openapi-admin.yml):
/// <c>overrides</c> is what the operator set for the user (null = the default), <c>effective</c> is what is
/// enforced, with the configured default filled in (no default = unlimited).
/// </summary>
public static class QuotaView
{
    public static JsonObject Render(UserQuota quota, long? defaultQuotaMb)
    {
        var enforcedMb = quota.Unlimited ? null : quota.StorageQuotaMb ?? defaultQuotaMb;
        return new JsonObject
        {
            ["effective"] = Fields(enforcedMb is { } mb ? mb : Unlimited(), quota.AllowedWritePaths),
            ["overrides"] = Fields(quota.Unlimited ? Unlimited() : quota.StorageQuotaMb, quota.AllowedWritePaths),
        };
    }

    private static JsonObject Fields(JsonNode? storageQuotaMb, IReadOnlyList<string>? allowedWritePaths) => new()
    {
        [QuotaPatch.StorageField] = storageQuotaMb,
        [QuotaPatch.WritePathsField] = allowedWritePaths is null ? null : new JsonArray([.. allowedWritePaths.Select(p => JsonValue.Create(p))]),
    };

    private static JsonNode Unlimited() => JsonValue.Create(QuotaPatch.UnlimitedValue);
}
