using Pubky.Protocol.Keys;

namespace Pubky.Client.Events;

/// <summary>A <c>pubky://&lt;z32&gt;/path</c> URL as listings and events write it.</summary>
public sealed record PubkyUrl(PublicKey User, string Path)
{
    public const string Scheme = "pubky://";

    public override string ToString() => Scheme + User.Z32 + Path;

    /// <exception cref="FormatException">Not a <c>pubky://</c> URL with a user key and an absolute path.</exception>
    public static PubkyUrl Parse(string url)
    {
        var rest = url.StartsWith(Scheme, StringComparison.Ordinal) ? url.AsSpan(Scheme.Length) : throw new FormatException($"Not a pubky:// URL: '{url}'.");
        if (rest.Length <= PublicKey.Z32Length || rest[PublicKey.Z32Length] != '/' || !PublicKey.TryParseZ32(rest[..PublicKey.Z32Length], out var user))
        {
            throw new FormatException($"A pubky:// URL names a user key and an absolute path: '{url}'.");
        }
        return new PubkyUrl(user, rest[PublicKey.Z32Length..].ToString());
    }
}
