using System.Net;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
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

        var icann = Assert.Single(HttpsRecords(packet), r => r.Priority == 10);
        Assert.Equal("localhost", icann.Target);
        Assert.Equal((ushort)shared.Server.ClientPort, icann.Find(PubkyRecords.HttpPortKey)?.AsPort());
    }

    [Fact]
    public async Task Own_record_sends_native_clients_to_the_public_ip_and_pubky_tls_port()
    {
        var packet = await FetchOwnRecordAsync();

        var native = Assert.Single(HttpsRecords(packet), r => r.Priority == 1);
        Assert.Equal((ushort)6287, native.Find(SvcParam.PortKey)?.AsPort());
        Assert.Equal([IPAddress.Loopback], native.Find(SvcParam.Ipv4HintKey)?.AsAddresses());
        Assert.Contains(packet.Answers, a => a.Data is AddressRecordData address && address.Address.Equals(IPAddress.Loopback));
    }

    private static IEnumerable<ServiceBindingRecordData> HttpsRecords(SignedPacket packet) =>
        packet.RecordsAt(".").Select(r => r.Data).OfType<ServiceBindingRecordData>();

    /// <summary>The record is published once the host has started, so give the publisher a moment.</summary>
    private async Task<SignedPacket> FetchOwnRecordAsync()
    {
        using var http = shared.Server.CreateClient();
        var url = shared.Server.Url(shared.Server.PkarrRelayPort, "/" + TestHomeserver.HomeserverZ32);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return SignedPacket.FromRelayPayload(PublicKey.ParseZ32(TestHomeserver.HomeserverZ32), await response.Content.ReadAsByteArrayAsync());
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The homeserver record was not served: {response.StatusCode}");
            await Task.Delay(100);
        }
    }
}
