using Pubky.Client.Http;
using Pubky.Client.Pkdns;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;

namespace Pubky.Client.Tests.Support;

/// <summary>A real homeserver in this process and SDK clients of it: one shared by a test class.</summary>
public class ClientHomeserver : IAsyncLifetime
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public TestHomeserver Server { get; private set; } = null!;

    public Homeserver Homeserver { get; private set; } = null!;

    /// <summary>Settings a subclass of the fixture gives the server (signup mode, quotas).</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Server = await TestHomeserver.StartAsync(Settings);
        PublicKey.TryParseZ32(TestHomeserver.HomeserverZ32, out var key);
        Homeserver = new Homeserver(Server.ClientUrl(), key);
    }

    public PubkyClient NewClient() => new(_http, Homeserver);

    public HttpClient Http => _http;

    /// <summary>The server's http relay base for pubkyauth flows (<c>/link</c>).</summary>
    public Uri HttpRelayLink => Server.Url(Server.HttpRelayPort, "/link");

    public Uri PkarrRelay => Server.Url(Server.PkarrRelayPort);

    /// <summary>PKARR through the server's own pkarr relay, where it publishes its record and users publish theirs.</summary>
    public PkdnsClient Pkdns() => new(new PkarrRelayClient(_http, [PkarrRelay]));

    /// <summary>A user with an account here and a PKARR record naming this homeserver, so a flow can find where to sign in.</summary>
    public async Task<Keypair> PublishedUserAsync()
    {
        var user = Keypair.Random();
        await NewClient().SignupAsync(user);
        await Pkdns().PublishHomeserverAsync(user, Homeserver.Key);
        return user;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
