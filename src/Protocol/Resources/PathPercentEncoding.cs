using System.Text.Unicode;

namespace Pubky.Protocol.Resources;

/// <summary>
/// Percent-encoding for the path of a transport URL. Like the reference's <c>WebDavPath::url_encode</c>, everything but
/// ASCII letters, digits, <c>-_.~</c> and '/' is escaped, byte by byte of its UTF-8 form, with uppercase hex.
/// </summary>
internal static class PathPercentEncoding
{
    public static string Encode(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path);
        var builder = new System.Text.StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnescaped(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }
        return builder.ToString();
    }

    /// <summary>Decodes every <c>%XX</c>; fails on a malformed escape or when the bytes are not UTF-8.</summary>
    public static bool TryDecode(string encoded, out string decoded)
    {
        decoded = string.Empty;
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '%')
            {
                if (char.IsSurrogate(encoded[i]))
                {
                    return false;
                }
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(encoded[i].ToString()));
                continue;
            }
            if (i + 2 >= encoded.Length || !char.IsAsciiHexDigit(encoded[i + 1]) || !char.IsAsciiHexDigit(encoded[i + 2]))
            {
                return false;
            }
            bytes.Add(Convert.FromHexString(encoded.AsSpan(i + 1, 2))[0]);
            i += 2;
        }
        var array = bytes.ToArray();
        if (!Utf8.IsValid(array))
        {
            return false;
        }
        decoded = System.Text.Encoding.UTF8.GetString(array);
        return true;
    }

    private static bool IsUnescaped(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'/';
}
