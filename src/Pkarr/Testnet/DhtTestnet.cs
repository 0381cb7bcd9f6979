using System.Net;
using Pubky.Pkarr.Dht;

namespace Pubky.Pkarr.Testnet;

/// <summary>
/// N server-mode <see cref="DhtNode"/>s on 127.0.0.1 that know each other (like mainline 7's seeded
/// <c>Testnet::builder(n)</c>), so tests and local clusters need neither the public DHT nor Node.js. Seeding is done by
/// every node pinging every other one, so the routing tables hold only nodes that really answered.
/// </summary>
public sealed class DhtTestnet : IAsyncDisposable
{
    private readonly List<DhtNode> _nodes;

    private DhtTestnet(List<DhtNode> nodes) => _nodes = nodes;

    public IReadOnlyList<DhtNode> Nodes => _nodes;

    /// <summary>Every node's address: the bootstrap list to give clients of this network.</summary>
    public IReadOnlyList<IPEndPoint> Bootstrap => _nodes.Select(n => n.LocalEndPoint).ToList();

    public static async Task<DhtTestnet> StartAsync(DhtTestnetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1);
        var nodes = new List<DhtNode>(options.Size);
        var testnet = new DhtTestnet(nodes);
        try
        {
            for (var i = 0; i < options.Size; i++)
            {
                nodes.Add(await DhtNode.StartAsync(
                    new DhtNodeOptions
                    {
                        BindEndPoint = new IPEndPoint(IPAddress.Loopback, i == 0 ? options.FirstPort : 0),
                        Mode = DhtMode.Server,
                        TransactionIdLength = options.TransactionIdLength,
                        RequestTimeout = options.RequestTimeout,
                        MaxStoredItems = options.MaxStoredItems,
                        Time = options.Time,
                    },
                    cancellationToken));
            }
            var pings = nodes.SelectMany(n => nodes.Where(o => o != n).Select(o => n.PingAsync(o.LocalEndPoint, cancellationToken)));
            await Task.WhenAll(pings);
            return testnet;
        }
        catch
        {
            await testnet.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
