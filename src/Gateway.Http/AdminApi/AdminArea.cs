using PubkyCluster.Gateway.AdminApi.Dav;
using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin API of pubky-core v0.6.0 (pubky-homeserver/src/admin_server/app.rs), plus the later additions this
/// homeserver supports (pubky-core main: pubky-homeserver/openapi-admin.yml), on its own listener. Everything but
/// the greeting needs the admin password (the WebDAV as Basic auth).
/// </summary>
public static class AdminArea
{
    public const string Greeting = "Homeserver - Admin Endpoint";

    public static IServiceCollection AddAdminApi(this IServiceCollection services) => services
        .AddSingleton<AdminPasswordCheck>()
        .AddSingleton<DavEndpoints>();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Text(Greeting, PlainText.ContentType));
        var secured = endpoints.MapGroup("/").AddEndpointFilter<AdminPasswordFilter>();
        SignupTokenEndpoints.Map(secured);
        ServerInfoEndpoint.Map(secured);
        UserEndpoints.Map(secured);
        DepartedUserEndpoints.Map(secured);
        UserFilesDeleteEndpoint.Map(secured);
        WebDavDeleteEndpoint.Map(secured);
        AdminEventsStreamEndpoint.Map(secured);
        // Basic auth rather than X-Admin-Password, as the reference: a file browser cannot send a custom header.
        DavEndpoints.Map(endpoints);
    }
}
