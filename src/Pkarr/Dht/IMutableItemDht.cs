using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Dht;

/// <summary>The part of the DHT that resolvers and publishers use, so they can run over a fake in tests.</summary>
public interface IMutableItemDht
{
    /// <summary>Verified packets for <paramref name="key"/> as they arrive, each more recent than the ones before.</summary>
    IAsyncEnumerable<SignedPacket> GetMutableStreamAsync(PublicKey key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="packet"/> on the closest nodes; <paramref name="cas"/> is the seq we expect them to hold.</summary>
    Task<DhtPutResult> PutMutableAsync(SignedPacket packet, ulong? cas, CancellationToken cancellationToken);
}
