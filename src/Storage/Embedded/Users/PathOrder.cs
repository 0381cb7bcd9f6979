using System.Text;

namespace PubkyCluster.Storage.Embedded.Users;

/// <summary>
/// The byte order of UTF-8, which is what SQLite's BINARY collation compares, computed on strings so bounds can be
/// chosen before a query. Code-point order equals UTF-8 byte order; UTF-16 ordinal order does not (surrogates).
/// </summary>
internal static class PathOrder
{
    public static int Compare(string left, string right)
    {
        var leftRunes = left.EnumerateRunes();
        var rightRunes = right.EnumerateRunes();
        while (true)
        {
            bool hasLeft = leftRunes.MoveNext();
            bool hasRight = rightRunes.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            int order = leftRunes.Current.Value.CompareTo(rightRunes.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>, so that
    /// "starts with" becomes the index range [prefix, end); null when no such bound exists.
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        var runes = new List<Rune>(prefix.EnumerateRunes());
        while (runes.Count > 0)
        {
            int last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
            {
                continue;
            }

            var builder = new StringBuilder(prefix.Length);
            foreach (var rune in runes)
            {
                builder.Append(rune.ToString());
            }

            builder.Append(new Rune(last == 0xD7FF ? 0xE000 : last + 1).ToString());
            return builder.ToString();
        }

        return null;
    }

    /// <summary>The end of a directory's range: its trailing '/' raised to '0', the next byte.</summary>
    public static string DirectoryEnd(string directory) => string.Concat(directory.AsSpan(0, directory.Length - 1), "0");

    /// <summary>
    /// The sub-directory of <paramref name="directory"/> that <paramref name="path"/> lies in ('…/name/'), or null when
    /// the path is a file directly in the directory or not inside it at all.
    /// </summary>
    public static string? ChildDirectory(string directory, string path)
    {
        if (path.Length <= directory.Length || !path.StartsWith(directory, StringComparison.Ordinal))
        {
            return null;
        }

        int slash = path.IndexOf('/', directory.Length);
        return slash < 0 ? null : path[..(slash + 1)];
    }

    public static bool IsDirectory(string path) => path.Length > 0 && path[0] == '/' && path[^1] == '/';
}
