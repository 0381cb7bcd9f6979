namespace Pubky.Protocol.Paths;

/// <summary>
/// Orders strings as their UTF-8 bytes compare, which is what the reference's <c>COLLATE "C"</c> listings and cursors
/// use (pubky-core v0.6.0: pubky-homeserver/src/persistence/sql/entities/entry/repository.rs). Plain ordinal
/// comparison of .NET strings compares UTF-16 code units and disagrees for characters above U+FFFF against
/// U+E000..U+FFFF; UTF-8 byte order equals code point order, so surrogates are moved above the BMP.
/// </summary>
public sealed class Utf8ByteOrder : IComparer<string>
{
    public static Utf8ByteOrder Instance { get; } = new();

    private Utf8ByteOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var common = Math.Min(x.Length, y.Length);
        for (var i = 0; i < common; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointRank(x[i]) - CodePointRank(y[i]);
            }
        }
        return x.Length - y.Length;
    }

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>, so "starts with"
    /// becomes the range [prefix, end) of an index in byte order; null when no such bound exists.
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        var runes = new List<System.Text.Rune>(prefix.EnumerateRunes());
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
            {
                continue;
            }
            var builder = new System.Text.StringBuilder(prefix.Length);
            foreach (var rune in runes)
            {
                builder.Append(rune.ToString());
            }
            // The next code point, skipping the surrogate range that no string may hold.
            builder.Append(new System.Text.Rune(last == 0xD7FF ? 0xE000 : last + 1).ToString());
            return builder.ToString();
        }
        return null;
    }

    /// <summary>The end of a directory's range: its trailing '/' raised to '0', the next byte.</summary>
    public static string DirectoryEnd(string directory) => string.Concat(directory.AsSpan(0, directory.Length - 1), "0");

    /// <summary>Keeps U+0000..U+D7FF, shifts U+E000..U+FFFF down and surrogates (code points above U+FFFF) to the top.</summary>
    private static int CodePointRank(char c) => c switch
    {
        < '\uD800' => c,
        >= '\uE000' => c - 0x800,
        _ => c + 0x2000,
    };
}
