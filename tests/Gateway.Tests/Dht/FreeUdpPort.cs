using System.Net;
using System.Net.Sockets;

namespace PubkyCluster.Gateway.Tests.Dht;

/// <summary>A UDP port free on 127.0.0.1 a moment ago: the testnet DHT's bootstrap port for one test homeserver.</summary>
internal static class FreeUdpPort
{
    public static int Take()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
