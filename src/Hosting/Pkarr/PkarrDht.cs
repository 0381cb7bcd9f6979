using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Testnet;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Hosting.Pkarr;

/// <summary>
/// The homeserver's way onto the Mainline DHT: one client-mode <see cref="DhtNode"/>, and in testnet mode also the
/// in-process <see cref="DhtTestnet"/> it joins (bootstrap node on UDP 6881 like the reference's static testnet).
/// Callers may use it before it has started; they wait until the node is up. Stopped after the silo, which uses it.
/// </summary>
public sealed partial class PkarrDht(PkarrNetworkSettings settings, TimeProvider clock, ILogger<PkarrDht> logger) : IMutableItemDht, IHostedService
{
    private readonly TaskCompletionSource<DhtNode> _node = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    /// <summary>The in-process testnet, when this homeserver runs one.</summary>
    public DhtTestnet? Testnet { get; private set; }

    /// <summary>Where an outside peer joins the testnet: its bootstrap node's address (null without a testnet).</summary>
    public IPEndPoint? TestnetBootstrap => Testnet?.Bootstrap[0];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.TestnetDht)
        {
            Testnet = await StartTestnetAsync(cancellationToken);
            LogTestnetStarted(Testnet.Bootstrap[0], Testnet.Nodes.Count);
            // Loopback only: the node is up in milliseconds, so the homeserver's first publish finds it ready.
            await StartNodeAsync(new IPEndPoint(IPAddress.Loopback, 0), Testnet.Bootstrap);
            return;
        }
        // Name resolution and the first lookup can take seconds on the real network; do not hold up the host for them.
        _starting = Task.Run(async () =>
        {
            var bootstrap = await BootstrapNodes.ResolveAsync(settings.BootstrapNodes, LogBootstrapUnresolved, _stopping.Token);
            if (bootstrap.Count == 0)
            {
                LogNoBootstrapNodes();
            }
            await StartNodeAsync(new IPEndPoint(IPAddress.Any, 0), bootstrap);
        }, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.ContinueWith(_ => { }, TaskScheduler.Default);
        _node.TrySetCanceled();
        if (_node.Task.IsCompletedSuccessfully)
        {
            await _node.Task.Result.DisposeAsync();
        }
        if (Testnet is not null)
        {
            await Testnet.DisposeAsync();
        }
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedPacket> GetMutableStreamAsync(
        PublicKey key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var node = await _node.Task.WaitAsync(cancellationToken);
        await foreach (var packet in node.GetMutableStreamAsync(key, cancellationToken))
        {
            yield return packet;
        }
    }

    /// <inheritdoc />
    public async Task<DhtPutResult> PutMutableAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken)
    {
        var node = await _node.Task.WaitAsync(cancellationToken);
        return await node.PutMutableAsync(packet, cas, cancellationToken);
    }

    private async Task StartNodeAsync(IPEndPoint bind, IReadOnlyList<IPEndPoint> bootstrap)
    {
        try
        {
            var node = await DhtNode.StartAsync(
                new DhtNodeOptions
                {
                    BindEndPoint = bind,
                    Bootstrap = bootstrap,
                    Mode = DhtMode.Client,
                    TransactionIdLength = settings.TransactionIdLength,
                    RequestTimeout = settings.RequestTimeout,
                    Time = clock,
                },
                _stopping.Token);
            LogNodeStarted(node.LocalEndPoint, bootstrap.Count, node.RoutingTable.Count);
            _node.TrySetResult(node);
        }
        catch (Exception e)
        {
            LogNodeFailed(e);
            _node.TrySetException(e);
            throw;
        }
    }

    /// <summary>
    /// The configured bootstrap port, or any free one when it is taken (another homeserver or a tool on 6881), as
    /// Rust's testnet falls back from 6881: a second local homeserver must still start.
    /// </summary>
    private async Task<DhtTestnet> StartTestnetAsync(CancellationToken cancellationToken)
    {
        var options = new DhtTestnetOptions
        {
            Size = 1 + settings.TestnetExtraNodes,
            FirstPort = settings.TestnetBootstrapPort,
            TransactionIdLength = settings.TransactionIdLength,
            Time = clock,
        };
        try
        {
            return await DhtTestnet.StartAsync(options, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && options.FirstPort != 0)
        {
            LogBootstrapPortTaken(options.FirstPort);
            return await DhtTestnet.StartAsync(options with { FirstPort = 0 }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Testnet DHT started: bootstrap node on UDP {Bootstrap}, {Nodes} nodes")]
    private partial void LogTestnetStarted(IPEndPoint bootstrap, int nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UDP port {Port} is taken; the testnet DHT's bootstrap node uses a free port instead")]
    private partial void LogBootstrapPortTaken(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "DHT node on {EndPoint} joined through {Bootstrap} bootstrap nodes ({Known} nodes known)")]
    private partial void LogNodeStarted(IPEndPoint endPoint, int bootstrap, int known);

    [LoggerMessage(Level = LogLevel.Error, Message = "The DHT node could not start; PKARR records are kept locally only")]
    private partial void LogNodeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DHT bootstrap node {Entry} did not resolve")]
    private partial void LogBootstrapUnresolved(string entry, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No DHT bootstrap node resolved; the node waits to be found by others")]
    private partial void LogNoBootstrapNodes();
}
