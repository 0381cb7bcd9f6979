using System.Net;
using Pubky.Pkarr.Krpc;

namespace Pubky.Pkarr.Dht;

/// <summary>How a <see cref="DhtNode"/> binds, whom it asks first and how long it waits.</summary>
public sealed record DhtNodeOptions
{
    /// <summary>IPv4 only (compact formats are IPv4). Port 0 lets the OS choose.</summary>
    public IPEndPoint BindEndPoint { get; init; } = new(IPAddress.Any, 0);

    /// <summary>
    /// Nodes to start lookups from while the routing table is short. Empty makes this the first node of a network: it
    /// then also adds nodes that send it <c>find_node</c>, so others can fill its table (as Rust mainline does).
    /// </summary>
    public IReadOnlyList<IPEndPoint> Bootstrap { get; init; } = [];

    public DhtMode Mode { get; init; } = DhtMode.Client;

    /// <summary>
    /// Length of the transaction ids we send: 2 for mainline ≤ 5.x (pubky-core v0.6.0) and bittorrent-dht, 4 for
    /// mainline ≥ 6. Inbound queries may use any length; responses must echo ours.
    /// </summary>
    public int TransactionIdLength { get; init; } = 2;

    /// <summary>How long one query waits for its answer (Rust mainline and pkarr default: 2 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound on one whole iterative lookup, whatever the network does.</summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Queries one lookup keeps in flight at once (bittorrent-dht uses 16).</summary>
    public int MaxInFlightPerLookup { get; init; } = 16;

    /// <summary>Total queries one lookup may send, so a network of liars cannot keep it going.</summary>
    public int MaxQueriesPerLookup { get; init; } = 256;

    /// <summary>BEP44 items held in server mode, least recently used evicted first (Rust and bittorrent-dht: 1000).</summary>
    public int MaxStoredItems { get; init; } = 1000;

    public int MaxPeerInfoHashes { get; init; } = 2000;

    public int MaxPeersPerInfoHash { get; init; } = 100;

    /// <summary>A fixed node id (tests); random when null.</summary>
    public NodeId? Id { get; init; }

    /// <summary>The optional 4-byte client version <c>v</c>; strict peers drop any other length, so null sends none.</summary>
    public byte[]? Version { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
