namespace Pubky.Pkarr.Dns;

/// <summary>
/// One resource record. <see cref="Name"/> is a dotted presentation name without the trailing dot (RFC 1035 escapes
/// for unusual bytes); pkarr makes it relative to the signer's key when a packet is signed (see <see cref="PkarrNames"/>).
/// </summary>
public sealed record DnsRecord(string Name, uint Ttl, DnsRecordData Data)
{
    public const ushort ClassIn = 1;

    /// <summary>pkarr always writes IN; other classes read from foreign packets are kept.</summary>
    public ushort Class { get; init; } = ClassIn;

    public DnsRecordType Type => Data.Type;

    public override string ToString() =>
        $"{Name} {Ttl} {(Class == ClassIn ? "IN" : "CLASS" + Class)} {TypeName} {Data}";

    private string TypeName => Enum.IsDefined(Type) ? Type.ToString().ToUpperInvariant() : "TYPE" + (ushort)Type;
}
