using System.Net;
using ARSoft.Tools.Net.Dns;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using static Pubky.Pkarr.Tests.TestBytes;

namespace Pubky.Pkarr.Tests.Packets;

public sealed class PubkyRecordsTests
{
    private static readonly string UserZ32 = TestKeys.User.PublicKey.Z32;
    private static readonly string HomeserverZ32 = TestKeys.Homeserver.PublicKey.Z32;

    /// <summary>The user packet exactly as the JS client (@synonymdev/pubky 0.6.0) writes it: uncompressed.</summary>
    private static readonly byte[] JsUserDns = Concat(
        Hex("0000 8000 0000 0001 0000 0000"),
        Hex("06"), Ascii("_pubky"), Hex("34"), Ascii(UserZ32), Hex("00"),
        Hex("0041 0001 00000e10 0038"),
        Hex("0000 34"), Ascii(HomeserverZ32), Hex("00"));

    [Fact]
    public void User_record_encodes_to_the_exact_bytes_the_js_client_writes()
    {
        var packet = PubkyRecords.UserPacket(TestKeys.User, TestKeys.Homeserver.PublicKey);

        Assert.Equal(JsUserDns, packet.Dns.ToArray());
    }

    [Fact]
    public void Uncompressed_js_user_packet_decodes_to_the_homeserver()
    {
        var packet = PacketFixtures.Signed(TestKeys.User, 1, JsUserDns);

        Assert.True(PubkyRecords.TryGetHomeserver(packet, out var homeserver));
        Assert.Equal(TestKeys.Homeserver.PublicKey, homeserver);
        var record = Assert.Single(packet.Answers);
        Assert.Equal("_pubky." + UserZ32, record.Name);
        Assert.Equal(3600u, record.Ttl);
    }

    [Fact]
    public void User_record_from_our_encoder_is_read_by_arsoft()
    {
        var packet = PubkyRecords.UserPacket(TestKeys.User, TestKeys.Homeserver.PublicKey);

        var https = Assert.IsType<HttpsRecord>(Assert.Single(DnsMessage.Parse(new ArraySegment<byte>(packet.Dns.ToArray())).AnswerRecords));

        Assert.Equal("_pubky." + UserZ32, https.Name.ToString().TrimEnd('.'));
        Assert.Equal(0, https.Priority);
        Assert.Equal(HomeserverZ32, https.Target.ToString().TrimEnd('.'));
        Assert.Empty(https.Parameters);
    }

    [Fact]
    public void Svcb_at_pubky_is_accepted_as_the_homeserver_pointer()
    {
        var dns = DnsPacketCodec.Encode([new DnsRecord("_pubky." + UserZ32, 3600, ServiceBindingRecordData.Svcb(0, HomeserverZ32))]);

        Assert.True(PubkyRecords.TryGetHomeserver(PacketFixtures.Signed(TestKeys.User, 1, dns), out var homeserver));
        Assert.Equal(TestKeys.Homeserver.PublicKey, homeserver);
    }

    [Fact]
    public void The_first_pubky_target_wins()
    {
        var other = Protocol.Keys.Keypair.Random().PublicKey;
        var dns = DnsPacketCodec.Encode(
        [
            new DnsRecord("_pubky." + UserZ32, 3600, ServiceBindingRecordData.Https(0, HomeserverZ32)),
            new DnsRecord("_pubky." + UserZ32, 3600, ServiceBindingRecordData.Https(0, other.Z32)),
        ]);

        Assert.True(PubkyRecords.TryGetHomeserver(PacketFixtures.Signed(TestKeys.User, 1, dns), out var homeserver));
        Assert.Equal(TestKeys.Homeserver.PublicKey, homeserver);
    }

    [Fact]
    public void A_packet_without_a_pubky_record_has_no_homeserver() =>
        Assert.False(PubkyRecords.TryGetHomeserver(PacketFixtures.Signed(TestKeys.User, 1, PacketFixtures.EmptyDns), out _));

    [Fact]
    public void A_pubky_target_that_is_not_a_key_gives_no_homeserver()
    {
        var dns = DnsPacketCodec.Encode([new DnsRecord("_pubky." + UserZ32, 3600, ServiceBindingRecordData.Https(0, "example.com"))]);

        Assert.False(PubkyRecords.TryGetHomeserver(PacketFixtures.Signed(TestKeys.User, 1, dns), out _));
    }

    [Fact]
    public void User_packet_keeps_other_records_and_replaces_old_pubky_records()
    {
        var previous = SignedPacket.Create(TestKeys.User,
        [
            new DnsRecord("blog", 300, new TxtRecordData("hi")),
            new DnsRecord("_pubky", 3600, ServiceBindingRecordData.Https(0, Protocol.Keys.Keypair.Random().PublicKey.Z32)),
        ]);

        var packet = PubkyRecords.UserPacket(TestKeys.User, TestKeys.Homeserver.PublicKey, previous);

        Assert.Equal(["blog." + UserZ32, "_pubky." + UserZ32], packet.Answers.Select(a => a.Name));
        Assert.True(PubkyRecords.TryGetHomeserver(packet, out var homeserver));
        Assert.Equal(TestKeys.Homeserver.PublicKey, homeserver);
    }

    [Fact]
    public void Homeserver_packet_advertises_tls_endpoint_icann_domain_and_address()
    {
        var options = new HomeserverPacketOptions(IPAddress.Parse("203.0.113.9"), 6287) { IcannDomain = "homeserver.example" };

        var answers = PubkyRecords.HomeserverPacket(TestKeys.Homeserver, options).Answers;

        Assert.All(answers, a => Assert.Equal((HomeserverZ32, 3600u), (a.Name, a.Ttl)));
        Assert.Equal(3, answers.Count);
        var native = Assert.IsType<ServiceBindingRecordData>(answers[0].Data);
        Assert.Equal((DnsRecordType.Https, (ushort)1, "."), (native.Type, native.Priority, native.Target));
        Assert.Equal(6287, native.Find(SvcParam.PortKey)!.AsPort());
        Assert.Equal([IPAddress.Parse("203.0.113.9")], native.Find(SvcParam.Ipv4HintKey)!.AsAddresses());
        var browser = Assert.IsType<ServiceBindingRecordData>(answers[1].Data);
        Assert.Equal((DnsRecordType.Https, (ushort)10, "homeserver.example"), (browser.Type, browser.Priority, browser.Target));
        Assert.Empty(browser.Parameters);
        Assert.Equal(DnsRecordType.A, answers[2].Type);
    }

    [Fact]
    public void Localhost_domain_carries_the_http_port_in_key65280()
    {
        var options = new HomeserverPacketOptions(IPAddress.Loopback, 6287) { IcannDomain = "localhost", IcannHttpPort = 6286 };

        var browser = Assert.IsType<ServiceBindingRecordData>(PubkyRecords.Homeserver(options)[1].Data);

        Assert.Equal(new byte[] { 0x18, 0x8e }, browser.Find(PubkyRecords.HttpPortKey)!.Value.ToArray());
    }

    [Fact]
    public void Without_an_icann_domain_only_the_tls_endpoint_and_address_are_published() =>
        Assert.Equal(2, PubkyRecords.Homeserver(new HomeserverPacketOptions(IPAddress.Loopback, 6287)).Count);

    [Fact]
    public void Without_a_pubky_tls_port_no_native_endpoint_is_published()
    {
        var options = new HomeserverPacketOptions(IPAddress.Loopback, null) { IcannDomain = "localhost", IcannHttpPort = 6286 };

        var records = PubkyRecords.Homeserver(options);

        Assert.DoesNotContain(records, r => r.Data is ServiceBindingRecordData { Priority: 1 });
        Assert.Equal([(ushort)10], records.Select(r => r.Data).OfType<ServiceBindingRecordData>().Select(s => s.Priority));
    }

    [Fact]
    public void Ipv6_public_address_uses_ipv6hint_and_aaaa()
    {
        var records = PubkyRecords.Homeserver(new HomeserverPacketOptions(IPAddress.Parse("2001:db8::7"), 6287));

        Assert.NotNull(Assert.IsType<ServiceBindingRecordData>(records[0].Data).Find(SvcParam.Ipv6HintKey));
        Assert.Equal(DnsRecordType.Aaaa, records[1].Type);
    }

    [Fact]
    public void Homeserver_packet_is_read_by_arsoft()
    {
        var options = new HomeserverPacketOptions(IPAddress.Loopback, 6287) { IcannDomain = "localhost", IcannHttpPort = 6286 };
        var packet = PubkyRecords.HomeserverPacket(TestKeys.Homeserver, options);

        var records = DnsMessage.Parse(new ArraySegment<byte>(packet.Dns.ToArray())).AnswerRecords;

        Assert.Collection(records,
            r => Assert.Equal(6287, Assert.IsType<PortServiceBindingParameter>(Assert.IsType<HttpsRecord>(r).Parameters[ServiceBindingParameterKey.Port]).Port),
            r => Assert.Equal("localhost", Assert.IsType<HttpsRecord>(r).Target.ToString().TrimEnd('.')),
            r => Assert.Equal(IPAddress.Loopback, Assert.IsType<ARecord>(r).Address));
    }
}
