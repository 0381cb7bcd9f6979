using System.Text.Json;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// The payload of a grant: the user <see cref="Issuer"/> lets the client holding <see cref="Confirmation"/> act for
/// <see cref="ClientId"/> with <see cref="Capabilities"/> until <see cref="ExpiresAt"/> (Unix seconds).
/// </summary>
public sealed record GrantClaims(
    PublicKey Issuer,
    string ClientId,
    CapabilityList Capabilities,
    PublicKey Confirmation,
    string GrantId,
    long IssuedAt,
    long ExpiresAt)
{
    public const string JwsType = "pubky-grant";

    /// <summary>Signs as the user (the signer app does this).</summary>
    public string Sign(Keypair signer) => CompactJws.Sign(signer, JwsType, ToJson());

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        iss = Issuer.Z32,
        client_id = ClientId,
        caps = Capabilities.Select(c => c.ToString()).ToArray(),
        cnf = Confirmation.Z32,
        jti = GrantId,
        iat = IssuedAt,
        exp = ExpiresAt,
    });

    /// <summary>Null when a claim is missing, mistyped or out of its range.</summary>
    public static GrantClaims? TryParse(byte[] json) => GrantJson.TryRead(json, root =>
    {
        if (!GrantJson.TryKey(root, "iss", out var issuer)
            || !GrantJson.TryText(root, "client_id", GrantIds.MaxClientIdLength, out var clientId)
            || !TryCapabilities(root, out var capabilities)
            || !GrantJson.TryKey(root, "cnf", out var confirmation)
            || !GrantJson.TryText(root, "jti", GrantIds.MaxLength, out var grantId)
            || !GrantJson.TrySeconds(root, "iat", out var issuedAt)
            || !GrantJson.TrySeconds(root, "exp", out var expiresAt))
        {
            return null;
        }
        return new GrantClaims(issuer, clientId, capabilities, confirmation, grantId, issuedAt, expiresAt);
    });

    private static bool TryCapabilities(JsonElement root, out CapabilityList capabilities)
    {
        capabilities = CapabilityList.Empty;
        if (!root.TryGetProperty("caps", out var caps) || caps.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        var parsed = new List<Capability>();
        foreach (var item in caps.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Capability.TryParse(item.GetString(), out var capability))
            {
                return false;
            }
            parsed.Add(capability);
        }
        capabilities = CapabilityList.From(parsed);
        return true;
    }
}
