using System.Buffers.Binary;
using System.Text;
using PubkyCluster.Cluster.Tests.Support;
using PubkyCluster.Tests.PubkyTls;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// Every gateway of the cluster serves Pubky TLS with the one shared identity: gnutls-cli (an independent TLS stack)
/// gets the key that signs the homeserver's PKARR record, and the client API over the connection.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PubkyTlsTests(LocalCluster cluster)
{
    [Fact]
    public async Task Each_gateway_presents_the_key_that_signs_the_homeserver_record()
    {
        foreach (var gateway in new[] { cluster.GatewayA, cluster.GatewayB })
        {
            await using var gnutls = await GnutlsSession.ConnectAsync(gateway.PubkyTlsPort, host: gateway.Client.Host);

            Assert.True(await gnutls.HandshakeAsync(), gnutls.Output);

            var presented = PublicKey.FromBytes(gnutls.PresentedKey());
            Assert.Equal(LocalCluster.HomeserverZ32, presented.Z32);
            Assert.True(SignsRecord(presented, await RecordPayloadAsync(gateway)), $"{gateway}: the presented key does not sign the record");
        }
    }

    [Fact]
    public async Task Signup_put_and_get_over_pubky_tls_on_a_gateway_are_served_by_the_other()
    {
        var a = cluster.GatewayA;
        using var user = ClusterUser.Create(cluster);
        await using var gnutls = await GnutlsSession.ConnectAsync(a.PubkyTlsPort, host: a.Client.Host);

        var signup = await gnutls.SendAsync(PubkyTlsRequests.Signup(LocalCluster.HomeserverZ32, user.Token()));
        var put = await gnutls.SendAsync(PubkyTlsRequests.Put(user.Z32, PubkyTlsRequests.SessionCookie(signup), "/pub/tls.txt", "cluster rpk"));
        var get = await gnutls.SendAsync(PubkyTlsRequests.Get(user.Z32, "/pub/tls.txt"));

        Assert.Equal((200, 201), (signup.Status, put.Status));
        Assert.Equal((200, "cluster rpk"), (get.Status, get.Body));
        using var plain = await user.GetAsync(cluster.GatewayB, "/pub/tls.txt");
        Assert.Equal("cluster rpk", await plain.Content.ReadAsStringAsync());
    }

    /// <summary>The homeserver's record as the gateway's pkarr relay serves it: sig(64) ‖ seq(8, big-endian) ‖ DNS packet.</summary>
    private async Task<byte[]> RecordPayloadAsync(GatewayEndpoints gateway) =>
        await cluster.Http.GetByteArrayAsync(new Uri($"http://{gateway.Client.Host}:{gateway.PkarrRelayPort}/{LocalCluster.HomeserverZ32}"));

    /// <summary>BEP 44's signature: Ed25519 over the bencoded <c>3:seqi&lt;seq&gt;e1:v&lt;len&gt;:&lt;v&gt;</c>.</summary>
    private static bool SignsRecord(PublicKey key, byte[] payload)
    {
        var seq = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(64, 8));
        var dns = payload.AsSpan(72);
        byte[] signable = [.. Encoding.ASCII.GetBytes($"3:seqi{seq}e1:v{dns.Length}:"), .. dns];
        return key.Verify(signable, payload.AsSpan(0, 64));
    }
}
