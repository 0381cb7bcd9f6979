using System.Diagnostics.CodeAnalysis;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Paths;

/// <summary>
/// One user's stored entry, keyed <c>&lt;z32&gt;&lt;path&gt;</c> as in pubky-core v0.6.0's
/// pubky-homeserver/src/shared/webdav/entry_path.rs. Listing cursors are written in this form,
/// optionally behind <c>pubky://</c>, which is why the parser reports every failure as "Invalid cursor".
/// </summary>
public sealed class EntryPath : IEquatable<EntryPath>
{
    /// <summary>The scheme prefix a cursor may carry because listing lines are <c>pubky://</c> URIs.</summary>
    public const string CursorScheme = "pubky://";

    public EntryPath(PublicKey owner, WebDavPath path)
    {
        Owner = owner;
        Path = path;
        Key = owner.Z32 + path.Value;
    }

    public PublicKey Owner { get; }

    public WebDavPath Path { get; }

    /// <summary>The owner's z32 followed directly by the path, e.g. <c>8pin…ewo/pub/folder/file.txt</c>.</summary>
    public string Key { get; }

    /// <summary>
    /// Reads <c>[pubky://]&lt;key&gt;&lt;/absolute path&gt;</c>. The key part (up to the first '/') goes through the
    /// reference's lenient key parser, the path through the WebDAV rules, and it must lie under <c>/pub/</c> or
    /// <c>/priv/</c>. A bare path such as <c>/pub/a.txt</c> is not a cursor.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EntryPath? entry)
    {
        entry = null;
        if (text is null)
        {
            return false;
        }
        var rest = text.StartsWith(CursorScheme, StringComparison.Ordinal) ? text[CursorScheme.Length..] : text;
        var slash = rest.IndexOf('/');
        if (slash <= 0
            || !PublicKey.TryParseLenient(rest[..slash], out var owner)
            || !WebDavPath.TryParse(rest[slash..], out var path)
            || !(path.IsPublic || path.IsPrivate))
        {
            return false;
        }
        entry = new EntryPath(owner, path);
        return true;
    }

    public static EntryPath Parse(string text) =>
        TryParse(text, out var entry) ? entry : throw new InvalidCursorException();

    public bool Equals(EntryPath? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as EntryPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}
