using System.Text;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// Guards /dav with HTTP Basic <c>admin:&lt;admin password&gt;</c>, as the reference does
/// (pubky-homeserver/src/admin_server/routes/dav_handler.rs): anything else is 401 <c>Unauthorized</c> with a Basic
/// challenge, which makes a browser or file manager ask for the credential. A wrong credential counts in the admin
/// lockout like a wrong X-Admin-Password; a request without one is how every WebDAV client starts and is not counted.
/// </summary>
public sealed class DavBasicAuthFilter(AdminPasswordCheck password, AdminFailureLimiter failures) : IEndpointFilter
{
    /// <summary>The reference sends a bare <c>Basic</c>; RFC 7617 requires a realm, and clients accept either.</summary>
    public const string Challenge = "Basic realm=\"Pubky Homeserver Admin\", charset=\"UTF-8\"";

    private const string UserName = "admin";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var address = http.Connection.RemoteIpAddress;
        if (failures.RetryAfter(address) is { } retryAfter)
        {
            return ValueTask.FromResult<object?>(RefusalResponses.AdminLockedOut(retryAfter));
        }
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length > 0 && IsAdmin(header))
        {
            return next(context);
        }
        if (header.Length > 0)
        {
            failures.RecordFailure(address);
        }
        http.Response.Headers.WWWAuthenticate = Challenge;
        return ValueTask.FromResult<object?>(PlainText.Error(StatusCodes.Status401Unauthorized, "Unauthorized"));
    }

    private bool IsAdmin(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string credential;
        try
        {
            credential = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = credential.IndexOf(':');
        // The password is compared even for a wrong user name, so the answer takes as long either way.
        var passwordMatches = colon >= 0 && password.Matches(credential[(colon + 1)..]);
        return passwordMatches && credential[..colon] == UserName;
    }
}
