using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pubky.Protocol.Auth;
using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Grains.Users;
using PubkyCluster.Silo.Hosting;

namespace PubkyCluster.Gateway.Hosting;

/// <summary>
/// The homeserver's HTTP side: Kestrel listeners for every API, each served by its own pipeline chosen by the local
/// port (as the reference runs one server per socket). By default it co-hosts a silo (the single-process form);
/// with Gateway:CoHostSilo=false it is a stateless Orleans client of a cluster.
/// </summary>
public static partial class HomeserverHosting
{
    public static WebApplicationBuilder AddPubkyHomeserver(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddHomeserverIdentity(configuration);
        AddValidatedOptions<ListenOptions, ListenOptionsValidator>(services, configuration, ListenOptions.Section);
        AddValidatedOptions<AdminOptions, AdminOptionsValidator>(services, configuration, AdminOptions.Section);
        AddValidatedOptions<RequestLimitsOptions, RequestLimitsOptionsValidator>(services, configuration, RequestLimitsOptions.Section);
        services.AddOptions<SignupOptions>().Bind(configuration.GetSection(SignupOptions.Section));
        services.AddSingleton<SignupPolicy>();
        services.AddSingleton(sp => new AuthTokenVerifier(
            sp.GetRequiredService<IOptions<UserLimitsOptions>>().Value.AuthTokenWindow, sp.GetRequiredService<TimeProvider>()));
        services.AddPubkyGrainServices(configuration);
        AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(services, configuration, GatewayOptions.Section);
        services.AddCors(cors => cors.AddPolicy(Cors.VeryPermissive, Cors.ConfigureVeryPermissive));
        services.AddClientApi();
        AddOperatorServices(builder);

        var listen = configuration.GetSection(ListenOptions.Section).Get<ListenOptions>() ?? new ListenOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // File bodies are limited per route (413 with a text body), not by Kestrel's blanket 30 MB limit.
            kestrel.Limits.MaxRequestBodySize = null;
            foreach (var port in ListenerPorts(listen))
            {
                if (listen.IsLocalhost)
                {
                    kestrel.ListenLocalhost(port);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(listen.Address), port);
                }
            }
        });

        if (configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>()?.CoHostSilo ?? true)
        {
            builder.UseOrleans(silo => silo.AddPubkySilo(configuration, listen.SiloPort, listen.SiloGatewayPort));
        }
        else
        {
            // A stateless gateway: grains live in silo processes; bodies and events go straight to the shared store.
            services.AddPubkyStorage(configuration);
            builder.UseOrleansClient(client => client.AddPubkyClusterClient(configuration, listen.SiloGatewayPort));
        }
        return builder;
    }

    public static WebApplication MapPubkyHomeserver(this WebApplication app)
    {
        var listen = app.Services.GetRequiredService<IOptions<ListenOptions>>().Value;
        MapPort(app, listen.ClientPort, ClientApiEndpoints.Map, branch => branch.Use(StorageEndpoints.DotSegmentGuard));
        MapOperatorAreas(app, listen);
        return app;
    }

    /// <summary>Requests arriving on <paramref name="port"/> get their own routing, so equal paths on two APIs never clash.</summary>
    private static void MapPort(WebApplication app, int port, Action<IEndpointRouteBuilder> map, Action<IApplicationBuilder>? beforeRouting = null)
    {
        if (port == 0)
        {
            return;
        }
        app.MapWhen(context => context.Connection.LocalPort == port, branch =>
        {
            branch.Use(GrainCallFailures.Guard);
            beforeRouting?.Invoke(branch);
            branch.UseRouting();
            branch.UseCors(Cors.VeryPermissive);
            branch.UseEndpoints(map);
        });
    }

    private static IEnumerable<int> ListenerPorts(ListenOptions listen) =>
        new[] { listen.ClientPort, listen.AdminPort, listen.MetricsPort, listen.PkarrRelayPort, listen.HttpRelayPort }
            .Where(port => port != 0);

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
