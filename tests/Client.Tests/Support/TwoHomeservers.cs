using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Client.Http;
using Pubky.Client.Pkdns;
using Pubky.Pkarr.Relay;
using PubkyCluster.Gateway.Tests.Support;

namespace Pubky.Client.Tests.Support;

/// <summary>
/// Two homeservers side by side with different keys: the testnet one (A, whose pkarr relay both publish to and every
/// resolution here uses) and a second one (B) with its own generated key, its own in-process DHT and open signup.
/// </summary>
public sealed class TwoHomeservers : IAsyncLifetime
{
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public TestHomeserver A { get; private set; } = null!;

    public TestHomeserver B { get; private set; } = null!;

    private readonly string _secondKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        A = await TestHomeserver.StartAsync();
        B = await TestHomeserver.StartAsync(SecondSettings());
    }

    private Dictionary<string, string?> SecondSettings() => new()
    {
        ["Homeserver:Testnet"] = "false",
        ["Homeserver:SecretKeyHex"] = _secondKey,
        ["Pkarr:TestnetDht"] = "true",
        ["Pkarr:TestnetBootstrapPort"] = "0",
        ["Pkarr:Relays:0"] = RelayUrl.ToString(),
        ["Signup:Mode"] = "Open",
        ["Admin:Password"] = "second-homeserver",
    };

    /// <summary>
    /// Stops <paramref name="server"/> (A or B) and starts it again on the same listener ports and data, as a restarted
    /// process would be. Keep the clients made before: the restarted server's port properties are not the ones it listens on.
    /// </summary>
    public async Task RestartAsync(TestHomeserver server, Func<Task>? whileDown = null)
    {
        var settings = server == B ? SecondSettings() : [];
        settings["Listen:ClientPort"] = server.ClientPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Listen:AdminPort"] = server.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Listen:PkarrRelayPort"] = server.PkarrRelayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Listen:HttpRelayPort"] = server.HttpRelayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await server.StopAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }
        var restarted = await TestHomeserver.StartAsync(settings, server.DataDirectory);
        if (server == B)
        {
            B = restarted;
        }
        else
        {
            A = restarted;
        }
    }

    public Uri RelayUrl => A.Url(A.PkarrRelayPort);

    public PubkyClient ClientOf(TestHomeserver server) =>
        new(Http, new Homeserver(server.ClientUrl(), server.Services.GetRequiredService<HomeserverIdentity>().PublicKey));

    public PkdnsClient Pkdns() => new(new PkarrRelayClient(Http, [RelayUrl]));

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
    }
}

/// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts them later, which a test cannot stop at).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
