using System.Globalization;
using System.Text;

namespace PubkyCluster.Storage.Azure.Tables;

/// <summary>
/// Azure Table keys. They may not hold '/', '\', '#', '?' or control characters and are at most
/// <see cref="MaxLength"/> characters (1 KiB of UTF-16). Two encodings: <see cref="Escape"/> for identifiers (reversible,
/// readable), <see cref="Ordered"/> for paths that must be range-scanned in byte order.
/// </summary>
internal static class TableKeys
{
    /// <summary>What Azure (1 KiB) and Azurite (512 characters) accept for a PartitionKey or RowKey.</summary>
    public const int MaxLength = 512;

    /// <summary>'%XX' for each character a key forbids and for '%' itself, so the escaping is reversible and distinct values never share a key.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The value <see cref="Escape"/> made <paramref name="key"/> from.</summary>
    public static string Unescape(string key)
    {
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%')
            {
                builder.Append((char)int.Parse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// An ASCII key whose ordinal order equals the byte order of <paramref name="value"/>'s UTF-8, so a RowKey range is
    /// a path range. Each byte is kept as itself or written as an escape character and two hex digits. The escaped
    /// bytes form five contiguous groups with no kept byte inside any of them, and each group's escape character is one
    /// of its own (allowed) members: comparing two encodings at their first difference then compares the bytes.
    /// </summary>
    public static string Ordered(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length + 8);
        foreach (var b in bytes)
        {
            var escape = EscapeOf(b);
            if (escape == '\0')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append(escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="key"/> is short enough to be stored.</summary>
    public static bool Fits(string key) => key.Length <= MaxLength;

    /// <summary>
    /// The escape character of a byte's group, or '\0' when the byte is kept: controls to ',' use '!'; '.' and '/'
    /// use '.'; '>' and '?' use '>'; '[' and '\' use '['; '~' and everything above (DEL, non-ASCII) use '~'.
    /// </summary>
    private static char EscapeOf(byte b) => b switch
    {
        <= 0x2C => '!',
        0x2E or 0x2F => '.',
        0x3E or 0x3F => '>',
        0x5B or 0x5C => '[',
        >= 0x7E => '~',
        _ => '\0',
    };
}
