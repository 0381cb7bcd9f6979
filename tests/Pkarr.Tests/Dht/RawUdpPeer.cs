using System.Net;
using System.Net.Sockets;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Tests.Dht;

/// <summary>A bare loopback UDP socket for tests that play a peer by hand (hostile, silent, or just observing).</summary>
internal sealed class RawUdpPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public Task SendAsync(byte[] datagram, IPEndPoint to) => _udp.SendAsync(datagram, datagram.Length, to);

    public Task SendAsync(KrpcMessage message, IPEndPoint to) => SendAsync(message.Encode(), to);

    /// <summary>The next datagram, or null if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<(KrpcMessage Message, IPEndPoint From)?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var received = await _udp.ReceiveAsync(cancel.Token);
            return (KrpcMessage.Decode(received.Buffer), received.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _udp.Dispose();
}
