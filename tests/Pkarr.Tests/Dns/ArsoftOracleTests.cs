using System.Net;
using ARSoft.Tools.Net.Dns;
using Pubky.Pkarr.Dns;

namespace Pubky.Pkarr.Tests.Dns;

/// <summary>Our encoder's output read back by an independent DNS parser (ARSoft.Tools.Net 3.6.1).</summary>
public sealed class ArsoftOracleTests
{
    private static readonly string Key = TestKeys.Homeserver.PublicKey.Z32;

    [Fact]
    public void Https_record_with_port_ipv4hint_and_private_key65280_is_read_by_arsoft()
    {
        var record = new DnsRecord(Key, 3600, ServiceBindingRecordData.Https(1, ".",
            SvcParam.Port(6287), SvcParam.Ipv4Hint(IPAddress.Parse("192.0.2.7")), new SvcParam(65280, [0x18, 0x8e])));

        var https = Assert.IsType<HttpsRecord>(Assert.Single(Parse(record).AnswerRecords));

        Assert.Equal(Key, https.Name.ToString().TrimEnd('.'));
        Assert.Equal(3600, https.TimeToLive);
        Assert.Equal(1, https.Priority);
        Assert.Equal(ARSoft.Tools.Net.DomainName.Root, https.Target);
        Assert.Equal(6287, Assert.IsType<PortServiceBindingParameter>(https.Parameters[ServiceBindingParameterKey.Port]).Port);
        Assert.Contains("192.0.2.7", https.Parameters[ServiceBindingParameterKey.IPv4Hint].ToString(), StringComparison.Ordinal);
        var private65280 = Assert.IsType<UnknownServiceBindingParameter>(https.Parameters[(ServiceBindingParameterKey)65280]);
        Assert.Equal(new byte[] { 0x18, 0x8e }, private65280.ValueData);
    }

    [Fact]
    public void Txt_record_is_read_by_arsoft()
    {
        var txt = Assert.IsType<TxtRecord>(Assert.Single(Parse(new DnsRecord("_txt." + Key, 300, new TxtRecordData("hello", "world"))).AnswerRecords));

        Assert.Equal(["hello", "world"], txt.TextParts);
    }

    [Fact]
    public void A_record_is_read_by_arsoft() =>
        Assert.Equal(
            IPAddress.Parse("203.0.113.5"),
            Assert.IsType<ARecord>(Assert.Single(Parse(new DnsRecord(Key, 60, new AddressRecordData(IPAddress.Parse("203.0.113.5")))).AnswerRecords)).Address);

    [Fact]
    public void Aaaa_record_is_read_by_arsoft() =>
        Assert.Equal(
            IPAddress.Parse("2001:db8::1"),
            Assert.IsType<AaaaRecord>(Assert.Single(Parse(new DnsRecord(Key, 60, new AddressRecordData(IPAddress.Parse("2001:db8::1")))).AnswerRecords)).Address);

    [Fact]
    public void Compressed_cname_is_read_by_arsoft()
    {
        var message = Parse(
            new DnsRecord("a." + Key, 60, new AddressRecordData(IPAddress.Loopback)),
            new DnsRecord("www." + Key, 60, new CnameRecordData("a." + Key)));

        var cname = Assert.IsType<CNameRecord>(message.AnswerRecords[1]);
        Assert.Equal("www." + Key, cname.Name.ToString().TrimEnd('.'));
        Assert.Equal("a." + Key, cname.CanonicalName.ToString().TrimEnd('.'));
    }

    [Fact]
    public void Header_fields_match_what_rust_pkarr_writes()
    {
        var message = Parse(new DnsRecord(Key, 60, new AddressRecordData(IPAddress.Loopback)));

        Assert.Equal(0, message.TransactionID);
        Assert.True(message.IsQuery is false);
        Assert.Empty(message.Questions);
        Assert.Empty(message.AuthorityRecords);
        Assert.Empty(message.AdditionalRecords);
    }

    private static DnsMessage Parse(params DnsRecord[] records) =>
        DnsMessage.Parse(new ArraySegment<byte>(DnsPacketCodec.Encode(records)));
}
