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

    /// <summary>Keeps U+0000..U+D7FF, shifts U+E000..U+FFFF down and surrogates (code points above U+FFFF) to the top.</summary>
    private static int CodePointRank(char c) => c switch
    {
        < '\uD800' => c,
        >= '\uE000' => c - 0x800,
        _ => c + 0x2000,
    };
}
