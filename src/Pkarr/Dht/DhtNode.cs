using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Pubky.Pkarr.Bencode;
using Pubky.Pkarr.Krpc;
using Pubky.Pkarr.Packets;
using Pubky.Protocol;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Dht;

/// <summary>
/// A Mainline DHT node (BEP 5, 43, 44) on one UDP socket: lookups, BEP44 mutable get/put for pkarr packets, and in
/// server mode the answering side (<see cref="DhtNode"/>.Server.cs). Every answer received is verified before use,
/// and every wait is bounded by the request and lookup timeouts in <see cref="DhtNodeOptions"/>.
/// </summary>
public sealed partial class DhtNode : IMutableItemDht, IAsyncDisposable
{
    /// <summary>Put tokens younger than this are reused instead of running another lookup (Rust mainline does the same).</summary>
    public static readonly TimeSpan TokenReuseWindow = TimeSpan.FromMinutes(5);

    /// <summary>Caps the candidates one lookup remembers, whatever the answers claim.</summary>
    private const int MaxCandidatesPerLookup = 1000;

    /// <summary>Targets whose put tokens are remembered.</summary>
    private const int TokenCacheSize = 256;

    private readonly DhtNodeOptions _options;
    private readonly KrpcSocket _socket;
    private readonly BoundedLru<NodeId, TokenSnapshot> _tokenCache = new(TokenCacheSize);

    private DhtNode(DhtNodeOptions options)
    {
        if (options.Version is { Length: not 4 })
        {
            throw new ArgumentException("The client version 'v' is 4 bytes or absent.", nameof(options));
        }
        _options = options;
        Id = options.Id ?? NodeId.Random();
        RoutingTable = new RoutingTable(Id, options.Time);
        _items = new BoundedLru<NodeId, StoredMutableItem>(options.MaxStoredItems);
        _peers = new PeerStore(options.MaxPeerInfoHashes, options.MaxPeersPerInfoHash);
        _tokens = new TokenIssuer(options.Time);
        _socket = new KrpcSocket(
            options.BindEndPoint, options.TransactionIdLength, options.RequestTimeout, Counters, options.Time, HandleQueryAsync);
    }

    public NodeId Id { get; }

    /// <summary>The bound address; with a wildcard bind, peers on loopback reach it at 127.0.0.1 and this port.</summary>
    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    public DhtMode Mode => _options.Mode;

    public DhtCounters Counters { get; } = new();

    public RoutingTable RoutingTable { get; }

    /// <summary>Binds the socket, starts receiving and, when bootstrap nodes are given, runs one bootstrap lookup.</summary>
    public static async Task<DhtNode> StartAsync(DhtNodeOptions options, CancellationToken cancellationToken = default)
    {
        var node = new DhtNode(options);
        node._socket.Start();
        try
        {
            if (options.Bootstrap.Count > 0)
            {
                await node.BootstrapAsync(cancellationToken);
            }
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fills the routing table by looking up our own id (also how Rust refreshes an empty table).</summary>
    public Task BootstrapAsync(CancellationToken cancellationToken = default) => FindNodeAsync(Id, cancellationToken);

    /// <summary>The responder's id, or null when <paramref name="endPoint"/> did not answer in time. A responder joins the table.</summary>
    public async Task<NodeId?> PingAsync(IPEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var answer = await QueryAsync(endPoint, KrpcQueries.Ping, Arguments(), cancellationToken);
        return answer is { Kind: KrpcMessageKind.Response } ? answer.SenderId : null;
    }

    /// <summary>The closest nodes to <paramref name="target"/> that answered an iterative <c>find_node</c>.</summary>
    public async Task<IReadOnlyList<NodeContact>> FindNodeAsync(NodeId target, CancellationToken cancellationToken = default)
    {
        var answered = await LookupAsync(target, KrpcQueries.FindNode, Arguments(("target", target)), null, cancellationToken)
            ;
        return answered.Take(RoutingTable.K).Select(c => c.Contact).ToList();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SignedPacket> GetMutableStreamAsync(
        PublicKey key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded by the lookup's own query cap, so an unbounded channel cannot grow without limit.
        var found = Channel.CreateUnbounded<SignedPacket>(new UnboundedChannelOptions { SingleReader = true });
        var traversal = Task.Run(
            async () =>
            {
                try
                {
                    await GetTraversalAsync(key, p => found.Writer.TryWrite(p), stop.Token);
                }
                finally
                {
                    found.Writer.TryComplete();
                }
            },
            CancellationToken.None);
        SignedPacket? newest = null;
        try
        {
            await foreach (var packet in found.Reader.ReadAllAsync(cancellationToken))
            {
                if (newest is null || packet.MoreRecentThan(newest))
                {
                    newest = packet;
                    yield return packet;
                }
            }
            await traversal;
        }
        finally
        {
            await stop.CancelAsync();
            await traversal.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The most recent verified packet for <paramref name="key"/> after a full lookup, or null.</summary>
    public async Task<SignedPacket?> GetMutableAsync(PublicKey key, CancellationToken cancellationToken = default)
    {
        SignedPacket? newest = null;
        await foreach (var packet in GetMutableStreamAsync(key, cancellationToken))
        {
            newest = packet;
        }
        return newest;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Runs a <c>get</c> lookup for tokens unless one for this target finished within <see cref="TokenReuseWindow"/>,
    /// then sends <c>put</c> (always with <c>target</c>, which strict Rust nodes require) to the closest
    /// <see cref="RoutingTable.K"/> nodes that gave a token.
    /// </remarks>
    public async Task<DhtPutResult> PutMutableAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken = default)
    {
        var target = NodeId.FromBytes(packet.Target());
        var now = _options.Time.GetUtcNow();
        var holders = _tokenCache.TryGet(target, out var snapshot) && now - snapshot.CollectedAt < TokenReuseWindow
            ? snapshot.Holders
            : await GetTraversalAsync(packet.PublicKey, _ => { }, cancellationToken);
        var item = packet.ToBep44();
        var puts = holders.Take(RoutingTable.K).Select(async holder =>
        {
            var arguments = Arguments(("target", target));
            arguments.Add("token", holder.Token);
            arguments.Add("k", item.K.ToArray());
            arguments.Add("seq", item.Seq);
            arguments.Add("sig", item.Sig.ToArray());
            arguments.Add("v", item.V.ToArray());
            if (cas is { } expected)
            {
                arguments.Add("cas", expected);
            }
            var reply = await QueryAsync(holder.Node.EndPoint, KrpcQueries.Put, arguments, cancellationToken);
            return (holder, reply);
        });
        var replies = await Task.WhenAll(puts);
        int stored = 0, identical = 0, casMismatch = 0, tooLow = 0, other = 0, silent = 0;
        foreach (var (holder, reply) in replies)
        {
            switch (reply)
            {
                case null:
                    silent++;
                    break;
                case { Kind: KrpcMessageKind.Response }:
                    stored++;
                    break;
                case { Error.Code: KrpcErrorCodes.SequenceTooLow } when holder.HeldSeq == item.Seq
                    && holder.HeldSignature.AsSpan().SequenceEqual(item.Sig.Span):
                    identical++;
                    break;
                case { Error.Code: KrpcErrorCodes.SequenceTooLow }:
                    tooLow++;
                    break;
                case { Error.Code: KrpcErrorCodes.CasMismatch }:
                    casMismatch++;
                    break;
                default:
                    other++;
                    break;
            }
        }
        // Nodes that took the item now hold it, so a retry within the token window can read their 302 as "stored".
        var refreshed = replies.Select(r => r.reply is { Kind: KrpcMessageKind.Response }
            ? r.holder with { HeldSeq = item.Seq, HeldSignature = item.Sig.ToArray() }
            : r.holder);
        _tokenCache.Set(target, new TokenSnapshot(now, [.. refreshed, .. holders.Skip(RoutingTable.K)]));
        return new DhtPutResult(stored, identical, casMismatch, tooLow, other, silent);
    }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    /// <summary>
    /// An iterative BEP44 <c>get</c> for <paramref name="key"/>: every verified packet goes to <paramref name="onPacket"/>;
    /// the nodes that gave tokens are returned closest first and cached for puts.
    /// </summary>
    private async Task<IReadOnlyList<TokenHolder>> GetTraversalAsync(
        PublicKey key, Action<SignedPacket> onPacket, CancellationToken cancellationToken)
    {
        var target = NodeId.FromBytes(Bep44.Target(key));
        var held = new Dictionary<IPEndPoint, Bep44MutableItem>();
        var answered = await LookupAsync(
            target,
            KrpcQueries.Get,
            Arguments(("target", target)),
            (candidate, body) =>
            {
                if (ReadAnswerPacket(key, target, body) is { } packet)
                {
                    held[candidate.EndPoint] = packet.ToBep44();
                    onPacket(packet);
                }
            },
            cancellationToken);
        var holders = answered
            .Where(c => c.Token is not null)
            .Select(c => held.TryGetValue(c.EndPoint, out var item)
                ? new TokenHolder(c.Contact, c.Token!, item.Seq, item.Sig.ToArray())
                : new TokenHolder(c.Contact, c.Token!, null, null))
            .ToList();
        _tokenCache.Set(target, new TokenSnapshot(_options.Time.GetUtcNow(), holders));
        return holders;
    }

    /// <summary>
    /// The packet in a <c>get</c> answer, or null when there is none or it fails any check: <c>k</c> must be the key we
    /// asked for, <c>sha1(k)</c> the target, the signature and DNS valid (a hostile node may send another key's
    /// validly signed packet; Rust mainline's src/common/mutable.rs does not check this, it takes the query's target).
    /// </summary>
    private SignedPacket? ReadAnswerPacket(PublicKey key, NodeId target, BencodeDictionary body)
    {
        if (!body.TryGetValue("v", out _))
        {
            return null;
        }
        try
        {
            var k = KrpcFields.RequireBytes(body, "k", PublicKey.Length);
            if (!k.AsSpan().SequenceEqual(key.Bytes) || !SHA1.HashData(k).AsSpan().SequenceEqual(target.Bytes))
            {
                Counters.ValueRejected();
                return null;
            }
            return SignedPacket.FromBep44(new Bep44MutableItem(
                k,
                KrpcFields.RequireInteger(body, "seq"),
                KrpcFields.RequireBytes(body, "sig", Signatures.Length),
                KrpcFields.RequireBytes(body, "v")));
        }
        catch (PubkyFormatException)
        {
            Counters.ValueRejected();
            return null;
        }
    }

    /// <summary>
    /// Iterative lookup towards <paramref name="target"/>: each round queries every not-yet-asked node among the
    /// <see cref="RoutingTable.K"/> closest live candidates (bootstrap nodes first while the table is short), with at
    /// most <see cref="DhtNodeOptions.MaxInFlightPerLookup"/> in flight. Ends when nothing is in flight, or at the query
    /// cap or lookup timeout. Returns the candidates that answered, closest first.
    /// </summary>
    private async Task<IReadOnlyList<LookupCandidate>> LookupAsync(
        NodeId target,
        string query,
        BencodeDictionary arguments,
        Action<LookupCandidate, BencodeDictionary>? onAnswer,
        CancellationToken cancellationToken)
    {
        using var bounded = new CancellationTokenSource(_options.LookupTimeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
        var candidates = new Dictionary<IPEndPoint, LookupCandidate>();
        foreach (var contact in RoutingTable.Closest(target))
        {
            candidates[contact.EndPoint] = new LookupCandidate(contact.EndPoint) { Id = contact.Id };
        }
        if (candidates.Count < RoutingTable.K)
        {
            foreach (var bootstrap in _options.Bootstrap)
            {
                candidates.TryAdd(bootstrap, new LookupCandidate(bootstrap));
            }
        }
        var byCloseness = Comparer<LookupCandidate>.Create((a, b) => (a.Id, b.Id) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            var (x, y) => target.CompareDistance(x, y),
        });
        var inFlight = new Dictionary<Task<KrpcMessage?>, LookupCandidate>();
        var sent = 0;
        while (!linked.IsCancellationRequested)
        {
            var next = candidates.Values
                .Where(c => c.State != CandidateState.Failed)
                .Order(byCloseness)
                .Take(RoutingTable.K)
                .Where(c => c.State == CandidateState.Waiting);
            foreach (var candidate in next)
            {
                if (inFlight.Count >= _options.MaxInFlightPerLookup || sent >= _options.MaxQueriesPerLookup)
                {
                    break;
                }
                candidate.State = CandidateState.InFlight;
                sent++;
                inFlight[QueryAsync(candidate.EndPoint, query, arguments, linked.Token)] = candidate;
            }
            if (inFlight.Count == 0)
            {
                break;
            }
            var finished = await Task.WhenAny(inFlight.Keys);
            var answered = inFlight[finished];
            inFlight.Remove(finished);
            Absorb(answered, finished.IsCompletedSuccessfully ? finished.Result : null, candidates, onAnswer);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return candidates.Values
            .Where(c => c.State == CandidateState.Answered)
            .Order(byCloseness)
            .ToList();
    }

    private void Absorb(
        LookupCandidate candidate,
        KrpcMessage? answer,
        Dictionary<IPEndPoint, LookupCandidate> candidates,
        Action<LookupCandidate, BencodeDictionary>? onAnswer)
    {
        if (answer is not { Kind: KrpcMessageKind.Response, Body: { } body, SenderId: { } sender } || sender.Equals(Id))
        {
            candidate.State = CandidateState.Failed;
            return;
        }
        try
        {
            var nodes = KrpcFields.Nodes(body);
            candidate.Id = sender;
            candidate.Token = body.TryGetBytes("token", out var token) ? token : null;
            candidate.State = CandidateState.Answered;
            foreach (var node in nodes)
            {
                if (candidates.Count >= MaxCandidatesPerLookup)
                {
                    break;
                }
                if (!node.Id.Equals(Id) && node.EndPoint.Port != 0)
                {
                    candidates.TryAdd(node.EndPoint, new LookupCandidate(node.EndPoint) { Id = node.Id });
                }
            }
            onAnswer?.Invoke(candidate, body);
        }
        catch (KrpcFormatException)
        {
            Counters.DatagramDropped();
            candidate.State = CandidateState.Failed;
        }
    }

    /// <summary>
    /// One query and its answer (null on timeout). Nodes that answer with a response, and are not read-only, join the
    /// routing table: only proven-reachable nodes are kept.
    /// </summary>
    private async Task<KrpcMessage?> QueryAsync(
        IPEndPoint to, string name, BencodeDictionary arguments, CancellationToken cancellationToken)
    {
        var readOnly = _options.Mode == DhtMode.Client;
        var answer = await _socket.RequestAsync(
            to, tid => KrpcMessage.Query(tid, name, arguments, readOnly, _options.Version), cancellationToken);
        switch (answer)
        {
            case { Kind: KrpcMessageKind.Response, SenderId: { } id, ReadOnly: false }:
                Counters.ResponseReceived();
                RoutingTable.Seen(new NodeContact(id, to));
                break;
            case { Kind: KrpcMessageKind.Response }:
                Counters.ResponseReceived();
                break;
            case { Kind: KrpcMessageKind.Error }:
                Counters.ErrorReceived();
                break;
        }
        return answer;
    }

    private BencodeDictionary Arguments(params (string Key, NodeId Value)[] ids)
    {
        var arguments = new BencodeDictionary { { "id", Id.Bytes.ToArray() } };
        foreach (var (key, value) in ids)
        {
            arguments.Add(key, value.Bytes.ToArray());
        }
        return arguments;
    }

    private enum CandidateState
    {
        Waiting,
        InFlight,
        Answered,
        Failed,
    }

    /// <summary>A node met during one lookup; bootstrap nodes start without an id.</summary>
    private sealed class LookupCandidate(IPEndPoint endPoint)
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public NodeId? Id { get; set; }

        public byte[]? Token { get; set; }

        public CandidateState State { get; set; }

        public NodeContact Contact => new(Id!, EndPoint);
    }

    /// <summary>A node that handed us a put token, and the item it held then (to recognise a harmless 302).</summary>
    private sealed record TokenHolder(NodeContact Node, byte[] Token, long? HeldSeq, byte[]? HeldSignature);

    private sealed record TokenSnapshot(DateTimeOffset CollectedAt, IReadOnlyList<TokenHolder> Holders);
}
