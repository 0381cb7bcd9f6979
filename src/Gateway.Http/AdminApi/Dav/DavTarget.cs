using System.Diagnostics.CodeAnalysis;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// What a /dav request names: <c>/dav/{user z32}/{pub|priv path…}</c>, or the user's root (which holds pub/ and priv/).
/// The path is percent-decoded and normalised by the protocol's WebDAV rules (spec A6); <c>/pub</c> and <c>/priv</c>
/// without their slash name the directories.
/// </summary>
public sealed record DavTarget(PublicKey User, WebDavPath Path)
{
    public const string Prefix = "/dav";

    public const string InvalidPath = "Invalid path: expected /dav/<public key>/pub/<path> or /dav/<public key>/priv/<path>";

    public bool IsUserRoot => Path == WebDavPath.Root;

    /// <summary>The path of this target's resource, as a client puts it in a URL (segments percent-encoded).</summary>
    public string Href(string path) => $"{Prefix}/{User.Z32}{Escape(path)}";

    public static bool TryParse(string rawPath, [NotNullWhen(true)] out DavTarget? target, [NotNullWhen(false)] out IResult? refusal)
    {
        target = null;
        var rest = rawPath.Length > Prefix.Length ? rawPath[(Prefix.Length + 1)..] : "";
        var slash = rest.IndexOf('/');
        if (!AdminUserKey.TryParse(slash < 0 ? rest : rest[..slash], out var user))
        {
            refusal = AdminUserKey.Invalid();
            return false;
        }
        var decoded = slash < 0 ? "/" : Uri.UnescapeDataString(rest[slash..]);
        if (!WebDavPath.TryParse(decoded, out var path, out var error))
        {
            refusal = PlainText.Error(StatusCodes.Status400BadRequest, "Invalid URL: " + error);
            return false;
        }
        if (path.Value is "/pub" or "/priv")
        {
            path = WebDavPath.Parse(path.Value + "/");
        }
        if (path != WebDavPath.Root && !path.IsPublic && !path.IsPrivate)
        {
            refusal = PlainText.Error(StatusCodes.Status400BadRequest, InvalidPath);
            return false;
        }
        target = new DavTarget(user, path);
        refusal = null;
        return true;
    }

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
