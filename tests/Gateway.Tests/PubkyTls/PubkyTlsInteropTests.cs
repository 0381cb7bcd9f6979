using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Tests.PubkyTls;

namespace PubkyCluster.Gateway.Tests.PubkyTls;

/// <summary>
/// The Pubky TLS listener seen by an independent TLS stack: GnuTLS's gnutls-cli (installed when missing), as a native
/// client reaches the homeserver, the key checked against the homeserver's PKARR record.
/// </summary>
[Collection(HomeserverCollection.Name)]
public sealed class PubkyTlsInteropTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    [Fact]
    public async Task Gnutls_completes_a_raw_public_key_handshake_with_the_key_of_the_pkarr_record()
    {
        var record = await OwnRecord.FetchAsync(Server);
        await using var gnutls = await GnutlsSession.ConnectAsync(Server.PubkyTlsPort);

        Assert.True(await gnutls.HandshakeAsync(), gnutls.Output);

        Assert.Contains("- Certificate type: Raw Public Key", gnutls.Output);
        Assert.Equal(record.PublicKey.Bytes.ToArray(), gnutls.PresentedKey());
    }

    [Fact]
    public async Task The_root_answers_over_pubky_tls_as_over_plain_http()
    {
        await using var gnutls = await GnutlsSession.ConnectAsync(Server.PubkyTlsPort);
        using var http = Server.CreateClient();

        var response = await gnutls.SendAsync(PubkyTlsRequests.Root());

        Assert.Equal(200, response.Status);
        Assert.Equal(await http.GetStringAsync(Server.ClientUrl()), response.Body);
    }

    [Fact]
    public async Task Signup_put_and_get_work_over_one_pubky_tls_connection()
    {
        using var user = TestUser.Create(Server);
        await using var gnutls = await GnutlsSession.ConnectAsync(Server.PubkyTlsPort);

        var signup = await gnutls.SendAsync(PubkyTlsRequests.Signup(TestHomeserver.HomeserverZ32, user.Token()));
        var cookie = PubkyTlsRequests.SessionCookie(signup);
        var put = await gnutls.SendAsync(PubkyTlsRequests.Put(user.Z32, cookie, "/pub/tls.txt", "over rpk tls"));
        var get = await gnutls.SendAsync(PubkyTlsRequests.Get(user.Z32, "/pub/tls.txt"));

        Assert.Equal(200, signup.Status);
        Assert.StartsWith(user.Z32 + "=", cookie);
        Assert.Equal(201, put.Status);
        Assert.Equal((200, "over rpk tls"), (get.Status, get.Body));
        Assert.Equal("over rpk tls", await (await user.GetAsync("/pub/tls.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_event_stream_delivers_a_live_event_over_pubky_tls()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await using var gnutls = await GnutlsSession.ConnectAsync(Server.PubkyTlsPort);

        var stream = await gnutls.SendAsync(PubkyTlsRequests.Get(user.Z32, $"/events-stream?user={user.Z32}&live=true"));
        Assert.Equal((200, "text/event-stream"), (stream.Status, stream.Header("Content-Type")));
        await user.PutTextAsync("/pub/live.txt", "live");

        Assert.True(await gnutls.ShowsAsync($"data: pubky://{user.Z32}/pub/live.txt"), gnutls.Output);
    }

    [Fact]
    public async Task A_client_offering_only_x509_gets_a_handshake_failure()
    {
        await using var gnutls = await GnutlsSession.ConnectAsync(Server.PubkyTlsPort, GnutlsSession.X509OnlyPriority);

        Assert.False(await gnutls.HandshakeAsync());

        Assert.Contains("Received alert [40]", gnutls.Output);
    }
}
