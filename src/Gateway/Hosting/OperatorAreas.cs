using PubkyCluster.Gateway.AdminApi;
using PubkyCluster.Gateway.HttpRelay;
using PubkyCluster.Gateway.Metrics;
using PubkyCluster.Gateway.PkarrRelay;
using PubkyCluster.Gateway.Pkdns;

namespace PubkyCluster.Gateway.Hosting;

/// <summary>
/// The operator-facing listeners (admin API, pkarr relay, http relay, metrics), the DHT and the record publishers. The
/// DHT is registered first: hosted services start in order, so it is up before the silo and stops after it.
/// </summary>
public static partial class HomeserverHosting
{
    private static void AddOperatorServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        AddValidatedOptions<HttpRelayOptions, HttpRelayOptionsValidator>(services, builder.Configuration, HttpRelayOptions.Section);
        services.AddPkarrDht(builder.Configuration);
        services.AddAdminApi();
        services.AddPkarrRelay();
        services.AddHttpRelay();
        services.AddHomeserverMetrics();
        services.AddHomeserverRecordPublishing();
    }

    private static void MapOperatorAreas(WebApplication app, ListenOptions listen)
    {
        MapPort(app, listen.AdminPort, AdminArea.Map);
        MapPort(app, listen.PkarrRelayPort, PkarrRelayArea.Map);
        MapPort(app, listen.HttpRelayPort, HttpRelayArea.Map);
        MapPort(app, listen.MetricsPort, MetricsArea.Map);
    }
}
