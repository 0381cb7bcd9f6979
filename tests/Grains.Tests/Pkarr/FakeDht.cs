using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Grains.Tests.Pkarr;

/// <summary>
/// A DHT reduced to what the republisher can observe: the newest packet per key, every put it received, how many
/// nodes store a put (0 = unreachable network), and an outage that forgets everything.
/// </summary>
public sealed class FakeDht : IMutableItemDht
{
    private readonly ConcurrentDictionary<string, SignedPacket> _held = new();

    public ConcurrentQueue<SignedPacket> Puts { get; } = new();

    public int StoringNodes { get; set; } = 1;

    /// <summary>As if the user's own client had published it.</summary>
    public void Hold(SignedPacket packet) => _held[packet.PublicKey.Z32] = packet;

    public SignedPacket? Held(PublicKey key) => _held.GetValueOrDefault(key.Z32);

    /// <summary>Every node dropped every item, as after the 2 h BEP44 nodes may keep items without re-announcement.</summary>
    public void Outage() => _held.Clear();

    public async IAsyncEnumerable<SignedPacket> GetMutableStreamAsync(PublicKey key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Held(key) is { } packet)
        {
            yield return packet;
        }
    }

    public Task<DhtPutResult> PutMutableAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken)
    {
        Puts.Enqueue(packet);
        if (StoringNodes == 0)
        {
            return Task.FromResult(new DhtPutResult(0, 0, 0, 0, 0, NoResponse: 1));
        }
        _held.AddOrUpdate(packet.PublicKey.Z32, packet, (_, held) => held.MoreRecentThan(packet) ? held : packet);
        return Task.FromResult(new DhtPutResult(StoringNodes, 0, 0, 0, 0, 0));
    }
}
