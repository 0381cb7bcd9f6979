namespace Pubky.Pkarr.Dht;

/// <summary>
/// A BEP44 mutable item as a storing node keeps it: verified on arrival, opaque otherwise (a server node stores any
/// BEP44 value, not only pkarr packets).
/// </summary>
internal sealed record StoredMutableItem(byte[] K, byte[] Salt, long Seq, byte[] Sig, byte[] V)
{
    /// <summary>Same version and same signed content: a re-put of this is a refresh, not a change.</summary>
    public bool IsIdenticalTo(StoredMutableItem other) =>
        Seq == other.Seq && V.AsSpan().SequenceEqual(other.V) && Sig.AsSpan().SequenceEqual(other.Sig);
}
