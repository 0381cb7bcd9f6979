using System.Security.Cryptography;
using Pubky.Protocol.Hashing;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// Grant ids (<c>jti</c>/<c>gid</c>) and PoP nonces: the reference's <c>RandomId</c>, 1 to 22 characters, generated as
/// base64url of 16 random bytes (pubky-common/src/auth/jws.rs, <c>RANDOM_ID_MAX_LENGTH</c>).
/// </summary>
public static class GrantIds
{
    public const int MaxLength = 22;

    /// <summary>A DNS name's limit (RFC 1035), since client ids are usually domains.</summary>
    public const int MaxClientIdLength = 253;

    public static string NewId() => Base64UrlNoPad.Encode(RandomNumberGenerator.GetBytes(16));
}
