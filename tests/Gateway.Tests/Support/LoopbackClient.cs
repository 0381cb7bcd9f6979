using System.Net;
using System.Net.Sockets;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>
/// An HTTP client whose connections come from a loopback address of its own (any of 127.0.0.0/8 reaches the server
/// on 127.0.0.1), so a test of a per-address bound is one client address, untouched by other tests.
/// </summary>
public static class LoopbackClient
{
    private static int _next = 1;

    /// <summary>A loopback address no other caller of this method has been given in this test run.</summary>
    public static IPAddress FreshAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 0, (byte)(n / 250 + 1), (byte)(n % 250 + 2)]);
    }

    public static HttpClient From(IPAddress local) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
