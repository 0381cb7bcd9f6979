using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;

namespace Pubky.Client.Http;

/// <summary>
/// A cookie session: the cookie is named after the user's z32 key and holds the 26-character session secret (spec A8.5).
/// Its export form is the reference SDK's <c>&lt;z32&gt;:&lt;secret&gt;</c> (pubky-sdk/src/actors/auth/cookie/secret.rs).
/// </summary>
public sealed class SessionCookie
{
    private SessionCookie(PublicKey user, string secret) => (User, Secret) = (user, secret);

    public PublicKey User { get; }

    internal string Secret { get; }

    internal string Header => $"{User.Z32}={Secret}";

    public string Export() => $"{User.Z32}:{Secret}";

    /// <exception cref="FormatException">Not <c>&lt;z32&gt;:&lt;secret&gt;</c>.</exception>
    public static SessionCookie Import(string exported)
    {
        var colon = exported.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException("invalid secret: expected `<pubkey>:<cookie>`");
        }
        if (!PublicKey.TryParseZ32(exported.AsSpan(0, colon), out var user))
        {
            throw new FormatException("invalid public key");
        }
        var secret = exported[(colon + 1)..];
        return SessionSecret.LooksValid(secret) ? new SessionCookie(user, secret) : throw new FormatException("invalid session secret");
    }

    /// <summary>The session cookie among a response's Set-Cookie headers, or null when the response set none for <paramref name="user"/>.</summary>
    internal static SessionCookie? FromResponse(HttpResponseMessage response, PublicKey user)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }
        var prefix = user.Z32 + "=";
        foreach (var cookie in cookies)
        {
            if (cookie.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                var secret = end < 0 ? cookie[prefix.Length..] : cookie[prefix.Length..end];
                return SessionSecret.LooksValid(secret) ? new SessionCookie(user, secret) : null;
            }
        }
        return null;
    }
}
