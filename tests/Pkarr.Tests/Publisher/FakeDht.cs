using System.Runtime.CompilerServices;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Publisher;

/// <summary>A scripted <see cref="IMutableItemDht"/>: gets stream <see cref="Answers"/>, puts return queued results.</summary>
internal sealed class FakeDht : IMutableItemDht
{
    private readonly Queue<DhtPutResult> _putResults = new();
    private int _gets;
    private int _puts;

    /// <summary>What the next get streams; replaced by tests between calls.</summary>
    public IReadOnlyList<SignedPacket> Answers { get; set; } = [];

    public int Gets => Volatile.Read(ref _gets);

    public int Puts => Volatile.Read(ref _puts);

    public static DhtPutResult Stored(int nodes) => new(nodes, 0, 0, 0, 0, 0);

    public void QueuePutResults(params DhtPutResult[] results)
    {
        foreach (var result in results)
        {
            _putResults.Enqueue(result);
        }
    }

    public async IAsyncEnumerable<SignedPacket> GetMutableStreamAsync(PublicKey key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _gets);
        foreach (var packet in Answers.Where(a => a.PublicKey == key))
        {
            await Task.Yield();
            yield return packet;
        }
    }

    public Task<DhtPutResult> PutMutableAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _puts);
        return Task.FromResult(_putResults.Count > 0 ? _putResults.Dequeue() : Stored(0));
    }
}
