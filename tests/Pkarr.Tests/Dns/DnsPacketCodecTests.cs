using System.Net;
using System.Text;
using Pubky.Pkarr.Dns;
using static Pubky.Pkarr.Tests.TestBytes;

namespace Pubky.Pkarr.Tests.Dns;

public sealed class DnsPacketCodecTests
{
    private static readonly string Key = TestKeys.User.PublicKey.Z32;

    [Fact]
    public void Header_is_an_answer_only_reply_with_id_zero()
    {
        var bytes = DnsPacketCodec.Encode([new DnsRecord("a." + Key, 60, new AddressRecordData(IPAddress.Loopback))]);

        Assert.Equal(Hex("0000 8000 0000 0001 0000 0000"), bytes[..12]);
    }

    [Fact]
    public void Owner_names_share_the_key_through_one_compression_pointer()
    {
        var bytes = DnsPacketCodec.Encode(
        [
            new DnsRecord("a." + Key, 60, new AddressRecordData(IPAddress.Loopback)),
            new DnsRecord("b." + Key, 60, new AddressRecordData(IPAddress.Loopback)),
        ]);

        Assert.Equal(1, Occurrences(bytes, Key));
        Assert.Equal(2, DnsPacketCodec.DecodeAnswers(bytes).Count);
    }

    [Fact]
    public void Cname_targets_are_compressed()
    {
        var bytes = DnsPacketCodec.Encode([new DnsRecord(Key, 60, new CnameRecordData("www." + Key))]);

        Assert.Equal(1, Occurrences(bytes, Key));
        Assert.Equal("www." + Key, Assert.IsType<CnameRecordData>(DnsPacketCodec.DecodeAnswers(bytes)[0].Data).Target);
    }

    [Fact]
    public void Service_binding_targets_are_never_compressed()
    {
        var bytes = DnsPacketCodec.Encode([new DnsRecord(Key, 60, ServiceBindingRecordData.Https(0, Key))]);

        Assert.Equal(2, Occurrences(bytes, Key));
    }

    [Fact]
    public void Encoding_more_than_1000_bytes_throws_packet_too_large()
    {
        var records = Enumerable.Range(0, 5).Select(i => new DnsRecord(Key, 60, new TxtRecordData(new string('x', 200))));

        var error = Assert.Throws<DnsPacketTooLargeException>(() => DnsPacketCodec.Encode(records));
        Assert.True(error.Length > DnsPacketCodec.MaxLength);
    }

    [Fact]
    public void Encoding_exactly_1000_bytes_succeeds()
    {
        // header 12 + root owner name 1 + type/class/ttl/rdlength 10 + RDATA: TXT strings sized to land on the cap.
        var rdata = 1000 - 12 - 1 - 10;
        var strings = new[] { new byte[255], new byte[255], new byte[255], new byte[rdata - 3 * 256 - 1] };
        var bytes = DnsPacketCodec.Encode([new DnsRecord(".", 60, new TxtRecordData(strings))]);

        Assert.Equal(1000, bytes.Length);
    }

    [Fact]
    public void Decoding_more_than_1000_bytes_is_rejected() =>
        Assert.Throws<DnsPacketTooLargeException>(() => DnsPacketCodec.DecodeAnswers(new byte[1001]));

    [Fact]
    public void Hand_built_compressed_packet_with_backward_pointers_decodes()
    {
        var packet = Concat(
            Hex("0000 8000 0000 0002 0000 0000"),
            Hex("03"), Ascii("foo"), Hex("07"), Ascii("example"), Hex("00"), // offset 12: foo.example, "example" at 16
            Hex("0005 0001 00000e10 0006"),
            Hex("03"), Ascii("www"), Hex("c010"), // CNAME www.example via pointer
            Hex("c00c 0001 0001 0000003c 0004 7f000001")); // owner foo.example via pointer

        var answers = DnsPacketCodec.DecodeAnswers(packet);

        Assert.Equal("www.example", Assert.IsType<CnameRecordData>(answers[0].Data).Target);
        Assert.Equal("foo.example", answers[1].Name);
        Assert.Equal(IPAddress.Loopback, Assert.IsType<AddressRecordData>(answers[1].Data).Address);
    }

    [Fact]
    public void Forward_pointers_are_followed()
    {
        var packet = Concat(
            Hex("0000 8000 0000 0001 0000 0000"),
            Hex("c01c 0001 0001 0000003c 0004 7f000001"), // owner points at offset 28, after this record
            Hex("03"), Ascii("fwd"), Hex("00"));

        Assert.Equal("fwd", DnsPacketCodec.DecodeAnswers(packet)[0].Name);
    }

    [Fact]
    public void Pointer_loops_are_rejected()
    {
        var selfLoop = Concat(Hex("0000 8000 0000 0001 0000 0000"), Hex("c00c 0001 0001 0000003c 0004 7f000001"));
        var twoStepLoop = Concat(Hex("0000 8000 0000 0001 0000 0000"), Hex("c00e c00c 0001 0000003c 0004 7f000001"));

        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.DecodeAnswers(selfLoop));
        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.DecodeAnswers(twoStepLoop));
    }

    [Fact]
    public void All_sections_are_read_but_only_answers_are_returned()
    {
        var packet = Concat(
            Hex("1234 0100 0001 0001 0001 0001"),
            Hex("01"), Ascii("q"), Hex("00 0001 0001"),
            Hex("01"), Ascii("a"), Hex("00 0001 0001 0000003c 0004 01020304"),
            Hex("01"), Ascii("n"), Hex("00 0010 0001 0000003c 0002 0178"),
            Hex("00 0029 1000 00000000 0000")); // EDNS OPT kept as opaque

        var answers = DnsPacketCodec.DecodeAnswers(packet);

        Assert.Equal("a", Assert.Single(answers).Name);
    }

    [Fact]
    public void A_malformed_record_in_the_additional_section_is_rejected()
    {
        var packet = Concat(Hex("0000 8000 0000 0000 0000 0001"), Hex("00 0001 0001 0000003c 0003 010203"));

        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.DecodeAnswers(packet));
    }

    [Fact]
    public void Unknown_record_types_are_kept_as_opaque_rdata()
    {
        var record = new DnsRecord("x." + Key, 60, new OpaqueRecordData(99, [1, 2, 3]));

        var decoded = Assert.Single(DnsPacketCodec.DecodeAnswers(DnsPacketCodec.Encode([record])));

        Assert.Equal(record, decoded);
        Assert.Equal((DnsRecordType)99, decoded.Type);
    }

    [Fact]
    public void Svcb_params_including_private_keys_round_trip()
    {
        var data = ServiceBindingRecordData.Svcb(1, "example.com",
            SvcParam.Mandatory(SvcParam.AlpnKey, SvcParam.PortKey), SvcParam.Alpn("h2", "h3"), SvcParam.NoDefaultAlpn(),
            SvcParam.Port(443), SvcParam.Ipv4Hint(IPAddress.Parse("192.0.2.1")), SvcParam.Ech([9, 9]),
            SvcParam.Ipv6Hint(IPAddress.IPv6Loopback), new SvcParam(65280, [0x1f, 0x90]));
        var record = new DnsRecord(Key, 3600, data);

        var decoded = Assert.IsType<ServiceBindingRecordData>(Assert.Single(DnsPacketCodec.DecodeAnswers(DnsPacketCodec.Encode([record]))).Data);

        Assert.Equal(data, decoded);
        Assert.Equal(443, decoded.Find(SvcParam.PortKey)!.AsPort());
        Assert.Equal(8080, decoded.Find(65280)!.AsPort());
        Assert.Equal([IPAddress.IPv6Loopback], decoded.Find(SvcParam.Ipv6HintKey)!.AsAddresses());
    }

    [Fact]
    public void Svcb_params_out_of_order_on_the_wire_are_rejected()
    {
        var packet = Concat(Hex("0000 8000 0000 0001 0000 0000"),
            Hex("00 0040 0001 0000003c 000d"), Hex("0001 00"), Hex("0003 0002 01bb"), Hex("0003 0000"));

        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.DecodeAnswers(packet));
    }

    [Fact]
    public void A_port_param_of_the_wrong_size_is_rejected()
    {
        var packet = Concat(Hex("0000 8000 0000 0001 0000 0000"),
            Hex("00 0041 0001 0000003c 0008"), Hex("0001 00"), Hex("0003 0001 01"));

        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.DecodeAnswers(packet));
    }

    [Fact]
    public void Unusual_label_bytes_survive_a_round_trip_through_escaped_names()
    {
        var name = @"a\.b\\c\000\255." + Key;
        var record = new DnsRecord(name, 1, new TxtRecordData("x"));

        Assert.Equal(name, Assert.Single(DnsPacketCodec.DecodeAnswers(DnsPacketCodec.Encode([record]))).Name);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("..")]
    [InlineData(@"a\256")]
    public void Invalid_names_are_refused_on_encode(string name) =>
        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.Encode([new DnsRecord(name, 1, new TxtRecordData("x"))]));

    [Fact]
    public void Labels_longer_than_63_bytes_are_refused_on_encode() =>
        Assert.Throws<DnsFormatException>(() => DnsPacketCodec.Encode([new DnsRecord(new string('a', 64), 1, new TxtRecordData("x"))]));

    private static int Occurrences(byte[] haystack, string needle)
    {
        var text = Encoding.Latin1.GetString(haystack);
        var count = 0;
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
