namespace Pubky.Pkarr.Dns;

/// <summary>
/// The RDATA of one record. Two values are equal when they have the same type and the same uncompressed wire bytes,
/// so the codec alone defines what "the same record" means.
/// </summary>
public abstract class DnsRecordData : IEquatable<DnsRecordData>
{
    private protected DnsRecordData()
    {
    }

    public abstract DnsRecordType Type { get; }

    public bool Equals(DnsRecordData? other) =>
        other is not null && Type == other.Type && WireBytes().AsSpan().SequenceEqual(other.WireBytes());

    public override bool Equals(object? obj) => Equals(obj as DnsRecordData);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.AddBytes(WireBytes());
        return hash.ToHashCode();
    }

    internal abstract void Write(DnsWriter writer);

    /// <summary>Reads RDATA of <paramref name="type"/>; the reader's <c>End</c> is the end of the RDATA.</summary>
    internal static DnsRecordData ReadAny(DnsRecordType type, ref DnsReader reader) => type switch
    {
        DnsRecordType.A or DnsRecordType.Aaaa => AddressRecordData.Read(type, ref reader),
        DnsRecordType.Cname => new CnameRecordData(reader.ReadName()),
        DnsRecordType.Txt => TxtRecordData.Read(ref reader),
        DnsRecordType.Svcb or DnsRecordType.Https => ServiceBindingRecordData.Read(type, ref reader),
        _ => new OpaqueRecordData((ushort)type, reader.ReadBytes(reader.Remaining)),
    };

    private byte[] WireBytes()
    {
        var writer = new DnsWriter(compress: false);
        Write(writer);
        return writer.Written.ToArray();
    }
}
