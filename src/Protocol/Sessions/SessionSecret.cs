using System.Security.Cryptography;
using Pubky.Protocol.Encoding;

namespace Pubky.Protocol.Sessions;

/// <summary>
/// A session secret: 16 random bytes in Crockford base32, 26 characters, the value of the session cookie.
/// The reference validates a presented secret by its length only; <see cref="LooksValid"/> keeps that rule.
/// </summary>
public static class SessionSecret
{
    public const int ByteLength = 16;
    public const int Length = 26;

    public static string Generate() => Base32Alphabets.Crockford.Encode(RandomNumberGenerator.GetBytes(ByteLength));

    public static bool LooksValid(string? secret) => secret?.Length == Length;

    /// <summary>What storage keeps instead of the secret: its SHA-256, so a leaked table grants no session.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
