using System.Diagnostics.CodeAnalysis;

namespace Pubky.Protocol.Paths;

/// <summary>
/// A normalized, validated absolute path inside one user's drive, by the rules of pubky-core v0.6.0's
/// pubky-homeserver/src/shared/webdav/webdav_path.rs: the stored form of every file path and the
/// form authorization and listings work on. Equality is ordinal; <see cref="CompareTo"/> is UTF-8 byte order.
/// </summary>
public sealed class WebDavPath : IEquatable<WebDavPath>, IComparable<WebDavPath>
{
    /// <summary>Longest segment, in UTF-8 bytes.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Longest normalized path, in UTF-8 bytes.</summary>
    public const int MaxLengthBytes = 4096;

    private const string PublicPrefix = "/pub/";
    private const string PrivatePrefix = "/priv/";

    private WebDavPath(string value) => Value = value;

    public static WebDavPath Root { get; } = new("/");

    /// <summary>The public data root, <c>/pub/</c>: readable by anyone.</summary>
    public static WebDavPath PublicRoot { get; } = new(PublicPrefix);

    /// <summary>
    /// The private data root, <c>/priv/</c>: readable by the owner's sessions with an <c>r</c> capability (pubky-core
    /// main: pubky-homeserver/src/client_server/auth/authorization.rs).
    /// </summary>
    public static WebDavPath PrivateRoot { get; } = new(PrivatePrefix);

    /// <summary>The normalized text: starts with '/', ends with '/' exactly when it names a directory.</summary>
    public string Value { get; }

    public bool IsDirectory => Value[^1] == '/';

    public bool IsFile => !IsDirectory;

    /// <summary>Strictly under <c>/pub/</c>; <c>/pub</c> itself is not.</summary>
    public bool IsPublic => Value.StartsWith(PublicPrefix, StringComparison.Ordinal);

    /// <summary>Strictly under <c>/priv/</c>; <c>/priv</c> itself is not.</summary>
    public bool IsPrivate => Value.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>The names between the slashes, root first; empty for the root.</summary>
    public IReadOnlyList<string> Segments => Value.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The last segment without any trailing slash; empty for the root.</summary>
    public string Name => Segments is [.., var last] ? last : string.Empty;

    /// <summary>The directory holding this entry (<c>/a/b</c> and <c>/a/b/</c> both give <c>/a/</c>); null for the root.</summary>
    public WebDavPath? Parent
    {
        get
        {
            if (Value == "/")
            {
                return null;
            }
            var withoutSlash = IsDirectory ? Value[..^1] : Value;
            return new WebDavPath(withoutSlash[..(withoutSlash.LastIndexOf('/') + 1)]);
        }
    }

    /// <summary>
    /// The file spellings of this entry's ancestor directories below the root: for <c>/a/b/c</c> that is <c>/a</c> and
    /// <c>/a/b</c>. Writing the entry collides with an existing file at any of them (409).
    /// </summary>
    public IEnumerable<WebDavPath> AncestorFiles
    {
        get
        {
            var end = IsDirectory ? Value.Length - 1 : Value.Length;
            for (var slash = Value.IndexOf('/', 1); slash > 0 && slash < end; slash = Value.IndexOf('/', slash + 1))
            {
                yield return new WebDavPath(Value[..slash]);
            }
        }
    }

    /// <summary>
    /// The prefix shared by everything stored inside this entry when it is read as a directory: <c>/a</c> gives
    /// <c>/a/</c>. Writing file <c>/a</c> collides with any existing entry starting with it. A string, because the
    /// extra slash may exceed <see cref="MaxLengthBytes"/>.
    /// </summary>
    public string DirectoryPrefix => IsDirectory ? Value : Value + "/";

    /// <summary>
    /// Normalizes a percent-decoded path, throwing <see cref="InvalidPathException"/> when it breaks the rules; tenant
    /// routes turn that into 400 <c>"Invalid URL: &lt;message&gt;"</c>. Whether the path may be read or written (under
    /// <c>/pub/</c> or <c>/priv/</c>) is the caller's decision, not a parse error.
    /// </summary>
    public static WebDavPath Parse(string decodedPath) =>
        TryParse(decodedPath, out var path, out var error) ? path : throw new InvalidPathException(error);

    public static bool TryParse(string? decodedPath, [NotNullWhen(true)] out WebDavPath? path) =>
        TryParse(decodedPath, out path, out _);

    /// <summary>As <see cref="TryParse(string?, out WebDavPath?)"/>, also giving the reason for callers that embed it in their own error.</summary>
    public static bool TryParse(string? decodedPath, [NotNullWhen(true)] out WebDavPath? path, out string error)
    {
        path = null;
        if (decodedPath is null)
        {
            error = "Path must start with '/'";
            return false;
        }
        return TryNormalize(decodedPath, out path, out error);
    }

    /// <summary>Whether this entry lies strictly inside <paramref name="directory"/> (a directory path).</summary>
    public bool IsInside(WebDavPath directory) =>
        directory.IsDirectory
        && Value.Length > directory.Value.Length
        && Value.StartsWith(directory.Value, StringComparison.Ordinal);

    /// <summary>
    /// The sub-directory of <paramref name="directory"/> (a directory path) that the stored path <paramref name="path"/>
    /// lies in, as <c>…/name/</c>: what a shallow listing shows for it. Null when the path is a file directly in the
    /// directory, or not inside it. On text, because listings walk stored paths that were validated when written.
    /// </summary>
    public static string? SubdirectoryOf(string directory, string path)
    {
        if (path.Length <= directory.Length || !path.StartsWith(directory, StringComparison.Ordinal))
        {
            return null;
        }
        var slash = path.IndexOf('/', directory.Length);
        return slash < 0 ? null : path[..(slash + 1)];
    }

    public int CompareTo(WebDavPath? other) => Utf8ByteOrder.Instance.Compare(Value, other?.Value);

    public bool Equals(WebDavPath? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as WebDavPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(WebDavPath? left, WebDavPath? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(WebDavPath? left, WebDavPath? right) => !(left == right);

    /// <summary>
    /// The reference's rules: leading '/', empty and '.' segments dropped, '..' pops and may not leave the root,
    /// each segment at most 255 bytes and free of control characters (checked on the raw segments, in order), the
    /// result at most 4096 bytes. A trailing '/' or a trailing '..' segment makes a directory.
    /// </summary>
    private static bool TryNormalize(string text, [NotNullWhen(true)] out WebDavPath? path, out string error)
    {
        if (IsNormalAscii(text))
        {
            error = string.Empty;
            path = FromNormalized(text);
            return true;
        }
        path = null;
        if (!text.StartsWith('/'))
        {
            error = "Path must start with '/'";
            return false;
        }
        var isDirectory = text.EndsWith('/') || text.EndsWith("/..", StringComparison.Ordinal);
        var kept = new List<string>();
        foreach (var segment in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsWellFormedUtf16(segment))
            {
                error = "Invalid path: Segment is not valid Unicode";
                return false;
            }
            if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                error = $"Invalid path: Segment exceeds maximum length of {MaxSegmentBytes} characters. Segment: '{segment}'";
                return false;
            }
            if (segment.Any(char.IsControl))
            {
                error = "Invalid path: ASCII control characters are not allowed in segments";
                return false;
            }
            switch (segment)
            {
                case ".":
                    break;
                case "..":
                    if (kept.Count == 0)
                    {
                        error = "Failed to normalize path: '..'.";
                        return false;
                    }
                    kept.RemoveAt(kept.Count - 1);
                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }
        var normalized = kept.Count == 0
            ? "/"
            : "/" + string.Join('/', kept) + (isDirectory ? "/" : string.Empty);
        var length = System.Text.Encoding.UTF8.GetByteCount(normalized);
        if (length > MaxLengthBytes)
        {
            error = $"Invalid path: Total path length exceeds maximum of {MaxLengthBytes} characters. Length: {length}, Path: '{normalized}'";
            return false;
        }
        error = string.Empty;
        path = FromNormalized(normalized);
        return true;
    }

    private static WebDavPath FromNormalized(string normalized) => normalized switch
    {
        "/" => Root,
        PublicPrefix => PublicRoot,
        PrivatePrefix => PrivateRoot,
        _ => new WebDavPath(normalized),
    };

    /// <summary>
    /// Whether <paramref name="text"/> is printable ASCII that normalizing leaves as it is: no empty, '.' or '..'
    /// segment, none over 255 bytes, at most 4096 bytes in all. Nearly every request's path is, and this answers without
    /// the allocations of splitting it (they were a sixth of what a GET allocated); any other text takes the full rules.
    /// </summary>
    private static bool IsNormalAscii(string text)
    {
        if (text.Length == 0 || text[0] != '/' || text.Length > MaxLengthBytes)
        {
            return false;
        }
        var segmentStart = 1;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '/')
            {
                if (text[i] is < ' ' or > '~')
                {
                    return false;
                }
                continue;
            }
            var segment = text.AsSpan(segmentStart, i - segmentStart);
            var isLast = i == text.Length;
            // Only the end of a directory's text (or of "/", the root) leaves an empty segment.
            if ((segment.IsEmpty && !isLast) || segment is "." or ".." || segment.Length > MaxSegmentBytes)
            {
                return false;
            }
            segmentStart = i + 1;
        }
        return true;
    }

    /// <summary>Rejects lone surrogates: they have no UTF-8 form, so byte lengths and byte order would be undefined.</summary>
    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
