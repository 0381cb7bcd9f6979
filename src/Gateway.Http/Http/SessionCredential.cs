using Microsoft.Net.Http.Headers;
using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// Which session a request presents, as the hash its user grain knows it by. <c>Authorization: Bearer</c> takes
/// precedence over the cookie, and a presented bearer disables the cookie fallback even when the grain does not know
/// it: an unknown, expired or revoked bearer makes the request anonymous (the reference's bearer middleware).
/// </summary>
public static class SessionCredential
{
    private const string Scheme = "Bearer ";

    public static string? Hash(HttpRequest request, PublicKey tenant) =>
        HasBearer(request) ? BearerHash(request) : SessionCookie.SecretHash(request, tenant);

    /// <summary>The SHA-256 of a well-formed bearer (43 base64url characters), else null.</summary>
    public static string? BearerHash(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith(Scheme, StringComparison.Ordinal) ? header[Scheme.Length..].Trim() : null;
        return BearerToken.LooksValid(token) ? SessionSecret.Hash(token!) : null;
    }

    private static bool HasBearer(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString().StartsWith(Scheme, StringComparison.Ordinal);
}
