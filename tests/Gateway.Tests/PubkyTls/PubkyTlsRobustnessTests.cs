using System.Net.Sockets;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Hosting.PubkyTls;
using PubkyCluster.Tests.PubkyTls;

namespace PubkyCluster.Gateway.Tests.PubkyTls;

/// <summary>
/// What a public port meets besides clients: bytes that are not TLS, handshakes that never finish, connections that
/// sit idle. Each gets its connection closed, never a crash or a hang, and the listener keeps serving.
/// </summary>
public sealed class PubkyTlsRobustnessTests
{
    [Fact]
    public async Task Plain_http_on_the_pubky_tls_port_gets_the_connection_closed()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var client = await ConnectAsync(server);

        await client.GetStream().WriteAsync(PubkyTlsRequests.Root());
        var answer = await ReadToEndAsync(client);

        // No HTTP answer and no alert either: before a ClientHello fixes the record version, BouncyCastle has no
        // record layer to write an alert with (TlsProtocol.RaiseAlertFatal swallows that), so it just closes.
        Assert.Empty(answer);
        await AssertStillServesAsync(server);
    }

    [Fact]
    public async Task A_stalled_handshake_is_closed_when_the_handshake_timeout_passes()
    {
        var time = new WatchedTime();
        await using var server = await TestHomeserver.StartAsync(services: services => TestHomeserver.UseClock(services, time));
        using var client = await ConnectAsync(server);

        // The first bytes of a ClientHello record header, then nothing.
        await client.GetStream().WriteAsync(new byte[] { 0x16, 0x03, 0x01 });
        await WaitForTimerAsync(time, PubkyTlsMiddleware.HandshakeTimeout);
        time.Advance(PubkyTlsMiddleware.HandshakeTimeout);

        Assert.Empty(await ReadToEndAsync(client));
    }

    [Fact]
    public async Task A_thousand_idle_connections_leave_the_listener_serving()
    {
        await using var server = await TestHomeserver.StartAsync();
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                idle.Add(await ConnectAsync(server));
            }

            await AssertStillServesAsync(server);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    private static async Task<TcpClient> ConnectAsync(TestHomeserver server)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.PubkyTlsPort);
        return client;
    }

    /// <summary>Everything the server sends until it closes the connection; fails if that takes longer than the bound.</summary>
    private static async Task<byte[]> ReadToEndAsync(TcpClient client)
    {
        using var bound = new CancellationTokenSource(GnutlsSession.Bound);
        using var received = new MemoryStream();
        await client.GetStream().CopyToAsync(received, bound.Token);
        return received.ToArray();
    }

    /// <summary>Waits (bounded) until the server starts a timer of <paramref name="due"/>: the connection's handshake timeout.</summary>
    private static async Task WaitForTimerAsync(WatchedTime time, TimeSpan due)
    {
        using var bound = new CancellationTokenSource(GnutlsSession.Bound);
        while (await time.NextTimerAsync(bound.Token) != due)
        {
        }
    }

    private static async Task AssertStillServesAsync(TestHomeserver server)
    {
        await using var gnutls = await GnutlsSession.ConnectAsync(server.PubkyTlsPort);
        Assert.Equal(200, (await gnutls.SendAsync(PubkyTlsRequests.Root())).Status);
    }
}
