using System.Security.Cryptography;
using Pubky.Protocol.Hashing;

namespace Pubky.Protocol.Auth.Grants;

/// <summary>
/// The opaque bearer a grant is exchanged for: 32 random bytes, base64url without padding (43 characters). It carries
/// no claims; the homeserver keeps only its SHA-256 and looks the session up by it.
/// </summary>
public static class BearerToken
{
    public const int Length = 43;

    /// <summary>The reference's lifetime of a bearer; the client refreshes by exchanging its grant again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3600);

    public static string Generate() => Base64UrlNoPad.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The middleware's rule for <c>Authorization: Bearer</c>: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
