using System.Text.Json;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// The payload of a proof of possession: the client proves, to the homeserver <see cref="Audience"/> at
/// <see cref="IssuedAt"/> (Unix seconds), that it holds the key a grant names; <see cref="Nonce"/> makes it single-use.
/// </summary>
public sealed record PopClaims(PublicKey Audience, string GrantId, string Nonce, long IssuedAt)
{
    public const string JwsType = "pubky-pop";

    /// <summary>Signs as the client (the SDK does this).</summary>
    public string Sign(Keypair signer) => CompactJws.Sign(signer, JwsType, ToJson());

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        aud = Audience.Z32,
        gid = GrantId,
        nonce = Nonce,
        iat = IssuedAt,
    });

    /// <summary>Null when a claim is missing, mistyped or out of its range.</summary>
    public static PopClaims? TryParse(byte[] json) => GrantJson.TryRead(json, root =>
        GrantJson.TryKey(root, "aud", out var audience)
        && GrantJson.TryText(root, "gid", GrantIds.MaxLength, out var grantId)
        && GrantJson.TryText(root, "nonce", GrantIds.MaxLength, out var nonce)
        && GrantJson.TrySeconds(root, "iat", out var issuedAt)
            ? new PopClaims(audience, grantId, nonce, issuedAt)
            : null);
}
