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

    public static string? Hash(HttpRequest request, PublicKey tenant)
    {
        var header = AuthorizationHeader(request);
        return IsBearer(header) ? BearerHash(header) : SessionCookie.SecretHash(request, tenant);
    }

    /// <summary>The SHA-256 of a well-formed bearer (43 base64url characters), else null.</summary>
    public static string? BearerHash(HttpRequest request) => BearerHash(AuthorizationHeader(request));

    private static string? BearerHash(string header)
    {
        var token = IsBearer(header) ? header[Scheme.Length..].Trim() : null;
        return BearerToken.LooksValid(token) ? SessionSecret.Hash(token!) : null;
    }

    private static string AuthorizationHeader(HttpRequest request) => request.Headers[HeaderNames.Authorization].ToString();

    private static bool IsBearer(string header) => header.StartsWith(Scheme, StringComparison.Ordinal);
}
