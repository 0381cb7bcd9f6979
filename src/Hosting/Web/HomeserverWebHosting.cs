using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PubkyCluster.Hosting.Cluster;
using PubkyCluster.Hosting.ForwardedHeaders;
using PubkyCluster.Hosting.Health;
using PubkyCluster.Hosting.Metrics;
using PubkyCluster.Hosting.Pkarr;
using PubkyCluster.Hosting.Settings;
using PubkyCluster.Hosting.Storage;

namespace PubkyCluster.Hosting.Web;

/// <summary>
/// The homeserver's web host: a Kestrel listener for every area, each request served by the pipeline of the port it
/// arrived on, plus the metrics listener (/metrics and the probes). By default it co-hosts a silo (the single-process form); with
/// Gateway:CoHostSilo=false it is a stateless Orleans client of a cluster.
/// </summary>
public static class HomeserverWebHosting
{
    public static WebApplicationBuilder AddPubkyHomeserver(this WebApplicationBuilder builder, HttpSurface surface)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        // The DHT first: hosted services start in order, so it is up before the silo and stops after it.
        services.AddPkarrDht(configuration);
        services.AddHomeserverMetrics(configuration);
        services.AddProcessHealth();
        services.AddGatewayHealth();
        services.AddPubkyGrainServices(configuration);
        var listen = services.AddValidatedOptions(configuration, ListenOptions.Section, new ListenOptionsValidator());
        var profile = services.AddValidatedOptions(configuration, StorageProfileOptions.Section, new StorageProfileOptionsValidator()).Profile;
        var gateway = services.AddValidatedOptions(configuration, GatewayOptions.Section, new GatewayOptionsValidator(profile));
        services.AddClientAddresses(configuration);
        surface.AddServices(services, configuration);
        services.AddSingleton(surface);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // File bodies are limited per route (413 with a text body), not by Kestrel's blanket 30 MB limit.
            kestrel.Limits.MaxRequestBodySize = null;
            OperationsListener.Bind(kestrel, listen, ListenerPorts(surface, listen));
        });

        if (gateway.CoHostSilo)
        {
            builder.UseOrleans(silo => silo.AddPubkySilo(configuration));
        }
        else
        {
            // A stateless gateway: grains live in silo processes; bodies and events go straight to the shared store.
            services.AddPubkyStorage(configuration);
            builder.UseOrleansClient(client => client.AddPubkyClusterClient(configuration));
        }
        return builder;
    }

    public static WebApplication MapPubkyHomeserver(this WebApplication app)
    {
        var listen = app.Services.GetRequiredService<IOptions<ListenOptions>>().Value;
        // First on every listener: whatever reads the client's address afterwards sees the forwarded one from a trusted proxy.
        app.UseClientAddresses();
        foreach (var area in app.Services.GetRequiredService<HttpSurface>().Areas)
        {
            MapPort(app, area.Port(listen), area.Pipeline);
        }
        MapPort(app, listen.MetricsPort, OperationsListener.Pipeline);
        return app;
    }

    /// <summary>Requests arriving on <paramref name="port"/> get their own pipeline, so equal paths on two APIs never clash.</summary>
    private static void MapPort(WebApplication app, int port, Action<IApplicationBuilder> pipeline)
    {
        if (port != 0)
        {
            app.MapWhen(context => context.Connection.LocalPort == port, pipeline);
        }
    }

    /// <summary>The HTTP ports this process listens on: each area's and the metrics listener's, without those turned off.</summary>
    public static IEnumerable<int> ListenerPorts(HttpSurface surface, ListenOptions listen) =>
        surface.Areas.Select(area => area.Port(listen)).Append(listen.MetricsPort).Where(port => port != 0).Distinct();
}
