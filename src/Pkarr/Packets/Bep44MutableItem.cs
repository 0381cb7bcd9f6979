namespace Pubky.Pkarr.Packets;

/// <summary>
/// A signed packet in BEP44 terms, as carried by DHT <c>get</c> responses and <c>put</c> queries:
/// <c>k</c> = public key, <c>seq</c> = timestamp (µs), <c>sig</c> = signature, <c>v</c> = DNS bytes,
/// <c>target</c> = sha1(k). Not verified by itself; <see cref="SignedPacket.FromBep44"/> verifies.
/// </summary>
public readonly struct Bep44MutableItem(ReadOnlyMemory<byte> k, long seq, ReadOnlyMemory<byte> sig, ReadOnlyMemory<byte> v)
{
    public ReadOnlyMemory<byte> K { get; } = k;

    public long Seq { get; } = seq;

    public ReadOnlyMemory<byte> Sig { get; } = sig;

    public ReadOnlyMemory<byte> V { get; } = v;
}
