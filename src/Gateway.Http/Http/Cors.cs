using Microsoft.AspNetCore.Cors.Infrastructure;

namespace PubkyCluster.Gateway.Http;

/// <summary>
/// The reference's "very permissive" CORS: the request's origin, method and headers are reflected and credentials
/// allowed, so browser apps on any origin can use their session cookie; no response header is exposed.
/// </summary>
public static class Cors
{
    public const string VeryPermissive = "very-permissive";

    public static void ConfigureVeryPermissive(CorsPolicyBuilder policy) =>
        policy.SetIsOriginAllowed(_ => true).AllowAnyMethod().AllowAnyHeader().AllowCredentials();
}
