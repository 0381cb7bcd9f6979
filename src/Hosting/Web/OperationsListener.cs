using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PubkyCluster.Hosting.Health;
using PubkyCluster.Hosting.Metrics;
using PubkyCluster.Hosting.PubkyTls;

namespace PubkyCluster.Hosting.Web;

/// <summary>
/// What every process serves on Listen:MetricsPort, for the cluster's own tooling and never for the public: the
/// Prometheus scrape and the probes. Kestrel's listeners for any of a process's ports are bound here too.
/// </summary>
public static class OperationsListener
{
    public static void Pipeline(IApplicationBuilder branch) => branch.UseRouting().UseEndpoints(endpoints =>
    {
        MetricsServices.MapMetrics(endpoints);
        HealthEndpoints.MapHealth(endpoints);
    });

    /// <summary>
    /// Binds each of <paramref name="ports"/> on Listen:Address ("localhost": both loopbacks); Listen:PubkyTlsPort
    /// with Pubky TLS in front of HTTP.
    /// </summary>
    public static void Bind(KestrelServerOptions kestrel, ListenOptions listen, IEnumerable<int> ports)
    {
        foreach (var port in ports)
        {
            Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure = port == listen.PubkyTlsPort
                ? listener => listener.UsePubkyTls()
                : _ => { };
            if (listen.IsLocalhost)
            {
                kestrel.ListenLocalhost(port, configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(listen.Address), port, configure);
            }
        }
    }
}
