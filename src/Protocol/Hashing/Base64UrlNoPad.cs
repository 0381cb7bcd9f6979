using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Pubky.Protocol.Hashing;

/// <summary>
/// URL-safe base64 without padding (RFC 4648 section 5), the form of the pubkyauth <c>secret</c> and of http-relay
/// channel ids (pubky-core v0.6.0: pubky-sdk/src/actors/auth/auth_flow.rs). Decoding is strict: no padding, no
/// whitespace, unused low bits zero.
/// </summary>
public static class Base64UrlNoPad
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }
        var decoded = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, decoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }
        decoded = decoded[..written];
        if (!string.Equals(Encode(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }
        bytes = decoded;
        return true;
    }
}
