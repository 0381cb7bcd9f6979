using System.Diagnostics.CodeAnalysis;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;

namespace Pubky.Protocol.Resources;

/// <summary>
/// A file or directory of one user, addressed across users (pubky-core v0.6.0:
/// pubky-sdk/src/actors/storage/resource.rs): the canonical form
/// <c>pubky://&lt;z32&gt;&lt;path&gt;</c> is what listings and events print, the SDK's identifier
/// <c>pubky&lt;z32&gt;/&lt;path&gt;</c> is accepted as input, and <c>https://_pubky.&lt;z32&gt;/&lt;path&gt;</c> is the
/// transport URL a client resolves. Paths are stored decoded and normalized by the WebDAV rules.
/// </summary>
public sealed class PubkyResource : IEquatable<PubkyResource>
{
    public const string Scheme = "pubky://";

    /// <summary>The first label of a transport URL's host: the user's <c>_pubky</c> record name.</summary>
    public const string TransportHostPrefix = "_pubky.";

    private const string ExpectedForms = "expected `pubky<user>/<path>` or `pubky://<user>/<path>`";

    public PubkyResource(PublicKey owner, WebDavPath path)
    {
        Owner = owner;
        Path = path;
    }

    public PublicKey Owner { get; }

    public WebDavPath Path { get; }

    /// <summary>The canonical <c>pubky://&lt;z32&gt;&lt;path&gt;</c>, path not percent-encoded (as upstream prints it).</summary>
    public override string ToString() => Scheme + Owner.Z32 + Path.Value;

    /// <summary><c>https://_pubky.&lt;z32&gt;&lt;percent-encoded path&gt;</c>.</summary>
    public string ToTransportUrl() => "https://" + TransportHostPrefix + Owner.Z32 + PathPercentEncoding.Encode(Path.Value);

    /// <summary>
    /// Reads <c>pubky://&lt;z32&gt;/&lt;path&gt;</c> or <c>pubky&lt;z32&gt;/&lt;path&gt;</c>. The key must be the bare
    /// 52-character z32 (so <c>pubky://pubky&lt;z32&gt;/…</c> is refused) and the path is normalized.
    /// </summary>
    public static PubkyResource Parse(string text) =>
        TryParse(text, out var resource, out var error) ? resource : throw new InvalidResourceException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PubkyResource? resource) =>
        TryParse(text, out resource, out _);

    /// <summary>Reads <c>http(s)://_pubky.&lt;z32&gt;[:port]/&lt;percent-encoded path&gt;[?query][#fragment]</c>.</summary>
    public static PubkyResource ParseTransportUrl(string url) =>
        TryParseTransportUrl(url, out var resource, out var error) ? resource : throw new InvalidResourceException(error);

    public static bool TryParseTransportUrl(string? url, [NotNullWhen(true)] out PubkyResource? resource) =>
        TryParseTransportUrl(url, out resource, out _);

    public bool Equals(PubkyResource? other) => other is not null && Owner == other.Owner && Path == other.Path;

    public override bool Equals(object? obj) => Equals(obj as PubkyResource);

    public override int GetHashCode() => HashCode.Combine(Owner, Path);

    public static bool operator ==(PubkyResource? left, PubkyResource? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(PubkyResource? left, PubkyResource? right) => !(left == right);

    private static bool TryParse(string? text, [NotNullWhen(true)] out PubkyResource? resource, out string error)
    {
        resource = null;
        if (text is null)
        {
            error = ExpectedForms;
            return false;
        }
        string rest;
        if (text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            rest = text[Scheme.Length..];
            if (!rest.Contains('/'))
            {
                error = "missing `<user>/<path>`";
                return false;
            }
        }
        else if (text.StartsWith(PublicKey.DisplayPrefix, StringComparison.Ordinal) && text.Contains('/'))
        {
            rest = text[PublicKey.DisplayPrefix.Length..];
        }
        else
        {
            error = ExpectedForms;
            return false;
        }
        var slash = rest.IndexOf('/');
        var user = rest[..slash];
        if (!PublicKey.TryParseZ32(user, out var owner))
        {
            error = text.StartsWith(Scheme, StringComparison.Ordinal) ? $"invalid user public key: {user}" : ExpectedForms;
            return false;
        }
        return TryBuild(owner, rest[slash..], out resource, out error);
    }

    private static bool TryParseTransportUrl(string? url, [NotNullWhen(true)] out PubkyResource? resource, out string error)
    {
        resource = null;
        var schemeLength = url switch
        {
            not null when url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) => "https://".Length,
            not null when url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) => "http://".Length,
            _ => 0,
        };
        if (url is null || schemeLength == 0)
        {
            error = "transport URL must start with https:// or http://";
            return false;
        }
        var afterScheme = url[schemeLength..];
        var authorityEnd = afterScheme.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? afterScheme : afterScheme[..authorityEnd];
        var remainder = authorityEnd < 0 ? string.Empty : afterScheme[authorityEnd..];
        var host = WithoutPort(authority);
        if (!host.StartsWith(TransportHostPrefix, StringComparison.OrdinalIgnoreCase))
        {
            error = "transport URL host must start with '_pubky.'";
            return false;
        }
        if (!PublicKey.TryParseZ32(host.AsSpan(TransportHostPrefix.Length), out var owner))
        {
            error = "transport URL host does not contain a valid public key";
            return false;
        }
        var pathEnd = remainder.IndexOfAny(['?', '#']);
        var encodedPath = pathEnd < 0 ? remainder : remainder[..pathEnd];
        if (!PathPercentEncoding.TryDecode(encodedPath.Length == 0 ? "/" : encodedPath, out var path))
        {
            error = "transport URL path has an invalid percent-encoding";
            return false;
        }
        return TryBuild(owner, path, out resource, out error);
    }

    private static bool TryBuild(PublicKey owner, string path, [NotNullWhen(true)] out PubkyResource? resource, out string error)
    {
        resource = WebDavPath.TryParse(path, out var normalized, out error) ? new PubkyResource(owner, normalized) : null;
        return resource is not null;
    }

    private static string WithoutPort(string authority)
    {
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && authority[(colon + 1)..].All(char.IsAsciiDigit) ? authority[..colon] : authority;
    }
}
