using System.Net;
using Microsoft.AspNetCore.Builder;
using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Hosting.ForwardedHeaders;

/// <summary>
/// The client's address for every listener: the connection's, or from a trusted proxy the forwarded one (ASP.NET
/// Core's forwarded-headers middleware, with <c>X-Forwarded-For</c> only, so a proxy cannot change the tenant's Host).
/// </summary>
public static class ClientAddressHosting
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = services.AddValidatedOptions(configuration, ForwardedHeadersSettings.Section, new ForwardedHeadersSettingsValidator());
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = settings.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here only what the operator names is a proxy.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            settings.KnownProxies.ForEach(proxy => options.KnownProxies.Add(IPAddress.Parse(proxy)));
            settings.KnownNetworks.ForEach(network => options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network)));
        });
    }

    /// <summary>Must come before anything that reads <c>HttpContext.Connection.RemoteIpAddress</c>.</summary>
    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        // With no proxy known the middleware would believe every peer, so it runs only when one is configured.
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            return app;
        }
        app.Use(ForwardedForHeader.Step(peer => IsProxy(options, peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer)));
        return app.UseForwardedHeaders();
    }

    private static bool IsProxy(ForwardedHeadersOptions options, IPAddress peer) =>
        options.KnownProxies.Contains(peer) || options.KnownIPNetworks.Any(network => network.Contains(peer));
}
