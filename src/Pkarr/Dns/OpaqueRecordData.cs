namespace Pubky.Pkarr.Dns;

/// <summary>RDATA of a type this codec does not interpret, kept byte for byte so that re-encoding loses nothing.</summary>
public sealed class OpaqueRecordData : DnsRecordData
{
    private readonly byte[] _data;

    public OpaqueRecordData(ushort type, ReadOnlySpan<byte> data)
    {
        if (Enum.IsDefined((DnsRecordType)type))
        {
            throw new ArgumentException($"Type {type} has a typed representation; use it instead.", nameof(type));
        }
        Type = (DnsRecordType)type;
        _data = data.ToArray();
    }

    public override DnsRecordType Type { get; }

    public ReadOnlySpan<byte> Data => _data;

    /// <summary>RFC 3597 generic presentation.</summary>
    public override string ToString() => $"TYPE{(ushort)Type} \\# {_data.Length} {Convert.ToHexStringLower(_data)}";

    internal override void Write(DnsWriter writer) => writer.WriteBytes(_data);
}
