using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Pubky.Pkarr.Dns;

namespace Pubky.Pkarr.Tests.Dns;

/// <summary>Arbitrary record lists covering every RDATA shape the codec knows, for round-trip properties.</summary>
public static class DnsGenerators
{
    private static readonly string Key = TestKeys.User.PublicKey.Z32;

    public static Arbitrary<DnsRecord[]> Records() => Arb.From(Record().ArrayOf().Select(r => r.Take(6).ToArray()));

    private static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(n));

    private static Gen<string> Name()
    {
        var label = Gen.Elements("abcxyz0189-_*".ToCharArray()).ArrayOf().Where(l => l.Length is > 0 and < 20).Select(l => new string(l));
        var relative = label.ArrayOf().Where(l => l.Length < 4).Select(labels => string.Join('.', labels.Append(Key)));
        return Gen.OneOf(relative, Gen.Constant(Key), Gen.Constant("."), label);
    }

    private static Gen<DnsRecordData> Data()
    {
        var ipv4 = Bytes(4, 4).Select(b => new IPAddress(b));
        var ipv6 = Bytes(16, 16).Select(b => new IPAddress(b));
        var address = Gen.OneOf(ipv4, ipv6).Select(a => (DnsRecordData)new AddressRecordData(a));
        var cname = Name().Select(n => (DnsRecordData)new CnameRecordData(n));
        var txt = Bytes(0, 40).ArrayOf().Where(s => s.Length < 4).Select(s => (DnsRecordData)new TxtRecordData(s));
        var opaque = Gen.Zip(Gen.Choose(100, 250), Bytes(0, 30)).Select(t => (DnsRecordData)new OpaqueRecordData((ushort)t.Item1, t.Item2));
        var parameters = Gen.Zip(
                Gen.Zip(Gen.Choose(0, 65535).Select(p => SvcParam.Port((ushort)p)), ipv4.Select(a => SvcParam.Ipv4Hint(a))),
                Gen.Zip(ipv6.Select(a => SvcParam.Ipv6Hint(a)), Bytes(0, 8).Select(v => new SvcParam(65280, v))))
            .SelectMany(t => Gen.SubListOf(new[] { t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2 }));
        var binding = Gen.Zip(
                Gen.Zip(Gen.Elements(DnsRecordType.Svcb, DnsRecordType.Https), Gen.Choose(0, 65535)),
                Gen.Zip(Name(), parameters))
            .Select(t => (DnsRecordData)new ServiceBindingRecordData(t.Item1.Item1, (ushort)t.Item1.Item2, t.Item2.Item1, t.Item2.Item2));
        return Gen.OneOf(address, cname, txt, opaque, binding);
    }

    private static Gen<DnsRecord> Record() =>
        Gen.Zip(Gen.Zip(Name(), ArbMap.Default.GeneratorFor<uint>()), Data()).Select(t => new DnsRecord(t.Item1.Item1, t.Item1.Item2, t.Item2));
}
