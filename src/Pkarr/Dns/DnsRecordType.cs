namespace Pubky.Pkarr.Dns;

/// <summary>The record types pkarr packets use in practice; any other value is carried as opaque RDATA.</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    Cname = 5,
    Txt = 16,
    Aaaa = 28,
    Svcb = 64,
    Https = 65,
}
