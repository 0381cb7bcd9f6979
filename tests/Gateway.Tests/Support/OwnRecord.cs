using System.Net;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>The testnet homeserver's own PKARR record, as the testnet's clients resolve it: through its pkarr relay.</summary>
public static class OwnRecord
{
    /// <summary>The record is published once the host has started, so give the publisher a moment (bounded).</summary>
    public static async Task<SignedPacket> FetchAsync(TestHomeserver server)
    {
        using var http = server.CreateClient();
        var url = server.Url(server.PkarrRelayPort, "/" + TestHomeserver.HomeserverZ32);
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

    /// <summary>The HTTPS records at the apex.</summary>
    public static IEnumerable<ServiceBindingRecordData> HttpsRecords(SignedPacket packet) =>
        packet.RecordsAt(".").Select(r => r.Data).OfType<ServiceBindingRecordData>();
}
