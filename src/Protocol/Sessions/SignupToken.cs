using System.Security.Cryptography;
using Pubky.Protocol.Encoding;

namespace Pubky.Protocol.Sessions;

/// <summary>
/// A signup token: 7 random bytes in uppercase Crockford base32 (12 characters), in groups of four: XXXX-XXXX-XXXX.
/// </summary>
public static class SignupToken
{
    public const int ByteLength = 7;
    public const int Length = 14;

    public static string Generate()
    {
        var code = Base32Alphabets.Crockford.Encode(RandomNumberGenerator.GetBytes(ByteLength));
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>
    /// The format check: XXXX-XXXX-XXXX with Crockford characters in the groups. The hyphen positions matter: the
    /// reference refuses "invalid-format" (14 characters that would otherwise decode) with a 400.
    /// </summary>
    public static bool IsValidFormat(string? token) =>
        token is { Length: Length }
        && token[4] == '-'
        && token[9] == '-'
        && Base32Alphabets.Crockford.TryDecode(string.Concat(token.AsSpan(0, 4), token.AsSpan(5, 4), token.AsSpan(10, 4)), out _);

    /// <summary>The 400 text for a token that fails <see cref="IsValidFormat"/>.</summary>
    public const string InvalidFormatMessage = "Invalid signup token format: Invalid signup code id";
}
