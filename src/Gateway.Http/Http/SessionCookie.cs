using System.Globalization;
using System.Net;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// The session cookie: named after the user's z32 key (so one browser holds sessions of many users on one domain),
/// valued with the 26-character secret. <c>Secure; SameSite=None</c> only when the request host is "secure" by the
/// reference's rule: a pkarr key, or a dotted domain name without a port.
/// </summary>
public static class SessionCookie
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>The SHA-256 of the secret in the cookie named after <paramref name="user"/>, or null when there is none of the right length.</summary>
    public static string? SecretHash(HttpRequest request, PublicKey user)
    {
        var secret = request.Cookies[user.Z32];
        return SessionSecret.LooksValid(secret) ? SessionSecret.Hash(secret!) : null;
    }

    public static void Set(HttpContext context, PublicKey user, string secret, TimeProvider clock) =>
        Append(context, $"{user.Z32}={secret}", (long)Lifetime.TotalSeconds, clock.GetUtcNow() + Lifetime);

    public static void Remove(HttpContext context, PublicKey user) =>
        Append(context, $"{user.Z32}=", 0, DateTimeOffset.UnixEpoch);

    private static void Append(HttpContext context, string nameValue, long maxAge, DateTimeOffset expires)
    {
        var cookie = $"{nameValue}; HttpOnly; Path=/; Max-Age={maxAge}; Expires={expires.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}";
        if (IsSecureHost(RequestHost(context.Request)))
        {
            cookie += "; Secure; SameSite=None";
        }
        context.Response.Headers.Append("Set-Cookie", cookie);
    }

    /// <summary>The host the client addressed: the Forwarded host, else X-Forwarded-Host, else Host.</summary>
    private static string RequestHost(HttpRequest request)
    {
        foreach (var part in request.Headers["Forwarded"].ToString().Split(',', ';'))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0].Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                return pair[1].Trim('"');
            }
        }
        var forwardedHost = request.Headers["X-Forwarded-Host"].ToString();
        return forwardedHost.Length > 0 ? forwardedHost.Split(',')[0].Trim() : request.Headers.Host.ToString();
    }

    private static bool IsSecureHost(string host) =>
        !host.Contains(':')
        && (PublicKey.TryParseLenient(host, out _) || (host.Contains('.') && !IPAddress.TryParse(host, out _)));
}
