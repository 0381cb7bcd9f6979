using System.Net;
using System.Net.Sockets;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>Free TCP ports on 127.0.0.1, distinct within one call (all are held until every one is chosen).</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
