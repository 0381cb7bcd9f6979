using Microsoft.AspNetCore.Server.Kestrel.Core;
using PubkyCluster.Hosting.Homeserver;

namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>Puts Pubky TLS on a Kestrel listener (Listen:PubkyTlsPort, the reference's <c>drive.pubky_listen_socket</c>).</summary>
public static class PubkyTlsListener
{
    public static ListenOptions UsePubkyTls(this ListenOptions listener)
    {
        var services = listener.ApplicationServices;
        listener.Use(next =>
        {
            // Built when Kestrel binds, after the options were validated at start.
            var identity = services.GetRequiredService<HomeserverIdentity>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PubkyTlsListener).FullName!);
            PubkyTlsLog.Listening(logger, listener.IPEndPoint?.Port ?? 0, identity.PublicKey.Z32);
            return new PubkyTlsMiddleware(next, identity, services.GetRequiredService<TimeProvider>(), logger).OnConnectionAsync;
        });
        return listener;
    }
}
