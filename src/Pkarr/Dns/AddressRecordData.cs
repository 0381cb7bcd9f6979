using System.Net;
using System.Net.Sockets;

namespace Pubky.Pkarr.Dns;

/// <summary>An A record for an IPv4 address or an AAAA record for an IPv6 address; the address family picks the type.</summary>
public sealed class AddressRecordData(IPAddress address) : DnsRecordData
{
    public IPAddress Address { get; } = address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
        ? address
        : throw new ArgumentException($"Not an IPv4 or IPv6 address: {address}.", nameof(address));

    public override DnsRecordType Type =>
        Address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.Aaaa;

    public override string ToString() => Address.ToString();

    internal override void Write(DnsWriter writer) => writer.WriteBytes(Address.GetAddressBytes());

    internal static AddressRecordData Read(DnsRecordType type, ref DnsReader reader)
    {
        var expected = type == DnsRecordType.A ? 4 : 16;
        if (reader.Remaining != expected)
        {
            throw new DnsFormatException($"{type.ToString().ToUpperInvariant()} RDATA is {reader.Remaining} bytes, not {expected}.");
        }
        return new AddressRecordData(new IPAddress(reader.ReadBytes(expected)));
    }
}
