using Pubky.Client.Pkdns;
using Pubky.Client.Tests.Support;
using Pubky.Pkarr.Dns;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Pkdns;

/// <summary>Resolution through the testnet homeserver's own pkarr relay, where it publishes its packet as the reference does.</summary>
public sealed class PkdnsClientTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>, IDisposable
{
    private readonly HttpClient _http = new();

    private PkdnsClient Pkdns() =>
        new(new PkarrRelayClient(_http, [homeserver.Server.Url(homeserver.Server.PkarrRelayPort)]));

    [Fact]
    public async Task A_published_record_resolves_to_the_homeserver_and_its_plain_http_endpoint()
    {
        using var user = Keypair.Random();
        await homeserver.NewClient().SignupAsync(user);

        await Pkdns().PublishHomeserverAsync(user, homeserver.Homeserver.Key);
        var found = await Pkdns().ResolveHomeserverAsync(user.PublicKey);

        Assert.Equal(homeserver.Homeserver.Key, found!.Key);
        Assert.Equal(new Uri($"http://localhost:{homeserver.Server.ClientPort}/"), found.Url);
    }

    [Fact]
    public async Task The_resolved_homeserver_serves_the_users_files()
    {
        using var user = Keypair.Random();
        var session = await homeserver.NewClient().SignupAsync(user);
        await session.Storage.PutTextAsync("/pub/resolved.txt", "found through pkarr");
        await Pkdns().PublishHomeserverAsync(user, homeserver.Homeserver.Key);

        var found = await Pkdns().ResolveHomeserverAsync(user.PublicKey);
        var text = await new PubkyClient(_http, found!).Public.GetTextAsync(user.PublicKey, "/pub/resolved.txt");

        Assert.Equal("found through pkarr", text);
    }

    [Fact]
    public async Task Republishing_keeps_the_records_other_entries()
    {
        using var user = Keypair.Random();
        using var elsewhere = Keypair.Random();
        var relays = new PkarrRelayClient(_http, [homeserver.Server.Url(homeserver.Server.PkarrRelayPort)]);
        var withExtra = SignedPacket.Create(user, [new DnsRecord("_extra", 300, new TxtRecordData(["kept"])), PubkyRecords.User(elsewhere.PublicKey)]);
        await relays.PublishAsync(withExtra, cas: null, CancellationToken.None);

        await Pkdns().PublishHomeserverAsync(user, homeserver.Homeserver.Key);
        var packet = await Pkdns().ResolveAsync(user.PublicKey);

        Assert.True(PubkyRecords.TryGetHomeserver(packet!, out var now));
        Assert.Equal(homeserver.Homeserver.Key, now);
        Assert.Single(packet!.RecordsAt("_extra"));
    }

    [Fact]
    public async Task A_user_without_a_record_resolves_to_nothing()
    {
        using var user = Keypair.Random();

        Assert.Null(await Pkdns().ResolveHomeserverAsync(user.PublicKey));
    }

    public void Dispose() => _http.Dispose();
}
