using System.Net;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Pkdns;

/// <summary>The homeserver's own record, as the testnet's JS client resolves it: through this homeserver's pkarr relay.</summary>
[Collection(HomeserverCollection.Name)]
public sealed class HomeserverRecordTests(SharedHomeserver shared)
{
    [Fact]
    public async Task Own_record_is_served_by_the_pkarr_relay()
    {
        var packet = await FetchOwnRecordAsync();

        Assert.Equal(TestHomeserver.HomeserverZ32, packet.PublicKey.Z32);
    }

    [Fact]
    public async Task Own_record_sends_browsers_to_localhost_on_the_client_port()
    {
        var packet = await FetchOwnRecordAsync();

        var icann = Assert.Single(OwnRecord.HttpsRecords(packet), r => r.Priority == 10);
        Assert.Equal("localhost", icann.Target);
        Assert.Equal((ushort)shared.Server.ClientPort, icann.Find(PubkyRecords.HttpPortKey)?.AsPort());
    }

    [Fact]
    public async Task Own_record_sends_native_clients_to_the_public_ip_and_pubky_tls_port()
    {
        var packet = await FetchOwnRecordAsync();

        var native = Assert.Single(OwnRecord.HttpsRecords(packet), r => r.Priority == 1);
        Assert.Equal((ushort)shared.Server.PubkyTlsPort, native.Find(SvcParam.PortKey)?.AsPort());
        Assert.Equal([IPAddress.Loopback], native.Find(SvcParam.Ipv4HintKey)?.AsAddresses());
        Assert.Contains(packet.Answers, a => a.Data is AddressRecordData address && address.Address.Equals(IPAddress.Loopback));
    }

    [Fact]
    public async Task Own_record_has_no_native_endpoint_when_pubky_tls_is_off()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Listen:PubkyTlsPort"] = "0" });

        var packet = await OwnRecord.FetchAsync(server);

        Assert.DoesNotContain(OwnRecord.HttpsRecords(packet), r => r.Priority == 1);
        Assert.Single(OwnRecord.HttpsRecords(packet), r => r.Priority == 10);
    }

    private Task<SignedPacket> FetchOwnRecordAsync() => OwnRecord.FetchAsync(shared.Server);
}
