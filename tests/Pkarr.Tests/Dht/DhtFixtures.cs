using System.Net;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Testnet;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Dht;

/// <summary>Loopback nodes and packets for DHT tests; short timeouts because loopback answers in microseconds.</summary>
internal static class DhtFixtures
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static Task<DhtTestnet> Testnet(int size = 8, int maxStoredItems = 1000) =>
        DhtTestnet.StartAsync(new DhtTestnetOptions { Size = size, MaxStoredItems = maxStoredItems });

    public static Task<DhtNode> Client(IReadOnlyList<IPEndPoint> bootstrap, int transactionIdLength = 2) =>
        DhtNode.StartAsync(new DhtNodeOptions
        {
            BindEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Bootstrap = bootstrap,
            TransactionIdLength = transactionIdLength,
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            LookupTimeout = TimeSpan.FromSeconds(10),
        });

    public static SignedPacket Packet(Keypair keypair, string text) =>
        SignedPacket.Create(keypair, [new DnsRecord("_test", 300, new TxtRecordData(text))]);

    public static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;
}
