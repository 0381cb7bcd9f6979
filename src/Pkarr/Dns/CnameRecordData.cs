namespace Pubky.Pkarr.Dns;

/// <summary>A CNAME target; written with name compression, as RFC 1035 allows.</summary>
public sealed class CnameRecordData : DnsRecordData
{
    public CnameRecordData(string target)
    {
        DnsName.Parse(target);
        Target = target;
    }

    public string Target { get; }

    public override DnsRecordType Type => DnsRecordType.Cname;

    public override string ToString() => Target;

    internal override void Write(DnsWriter writer) => writer.WriteName(Target, allowCompression: true);
}
