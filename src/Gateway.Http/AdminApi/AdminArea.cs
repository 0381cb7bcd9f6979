using PubkyCluster.Gateway.Http;

namespace PubkyCluster.Gateway.AdminApi;

/// <summary>
/// The admin API (A13, and the B8 additions this homeserver supports), on its own listener. Everything but the
/// greeting needs the admin password.
/// </summary>
public static class AdminArea
{
    public const string Greeting = "Homeserver - Admin Endpoint";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Text(Greeting, PlainText.ContentType));
        var secured = endpoints.MapGroup("/").AddEndpointFilter<AdminPasswordFilter>();
        SignupTokenEndpoints.Map(secured);
        ServerInfoEndpoint.Map(secured);
        UserEndpoints.Map(secured);
        WebDavDeleteEndpoint.Map(secured);
    }
}
