using System.Net.Sockets;
using System.Text;
using Org.BouncyCastle.Tls;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Bench;

/// <summary>
/// The 1 KiB public GET over Pubky TLS (raw-public-key TLS 1.3, the homeserver key checked) against the same GET over
/// the plain client port, with the same client loop: prints "tls-rps plain-rps".
/// </summary>
public static class PubkyTlsGet
{
    public static async Task<int> RunAsync(string host, int plainPort, int tlsPort, string homeserverZ32, string user, int connections, double seconds, int pairs)
    {
        var key = PublicKey.ParseZ32(homeserverZ32).Bytes.ToArray();
        var request = Encoding.ASCII.GetBytes($"GET {Seed.FilePath} HTTP/1.1\r\nHost: localhost\r\npubky-host: {user}\r\n\r\n");
        var length = Seed.Body().Length;
        var (tls, plain) = await Pairs.AlternateAsync("pubky tls GET", "rps", pairs,
            () => KeepAliveGets.RunAsync(() => Connect(host, plainPort), request, length, connections, seconds),
            () => KeepAliveGets.RunAsync(() => ConnectTls(host, tlsPort, key), request, length, connections, seconds));
        Console.WriteLine(FormattableString.Invariant($"{tls:F0} {plain:F0}"));
        return 0;
    }

    private static NetworkStream Connect(string host, int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(host, port);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static Stream ConnectTls(string host, int port, byte[] key)
    {
        var protocol = new TlsClientProtocol(Connect(host, port));
        protocol.Connect(new RawPublicKeyTlsClient(key));
        return protocol.Stream;
    }
}
