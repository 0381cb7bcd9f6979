using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>
/// A real homeserver in this process: the same hosting code as <c>dotnet run --project src/Gateway</c>, on free
/// 127.0.0.1 ports, in testnet mode, with a fresh data directory that is deleted afterwards.
/// </summary>
public sealed class TestHomeserver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHomeserver(WebApplication app, string dataDirectory, int[] ports)
    {
        _app = app;
        DataDirectory = dataDirectory;
        (ClientPort, AdminPort, MetricsPort, PkarrRelayPort, HttpRelayPort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        PubkyTlsPort = ports[7];
    }

    public const string AdminPassword = "admin";

    public string DataDirectory { get; }

    public int ClientPort { get; }

    public int AdminPort { get; }

    public int MetricsPort { get; }

    public int PkarrRelayPort { get; }

    public int HttpRelayPort { get; }

    /// <summary>The free port given to Listen:PubkyTlsPort (unless a test's settings override it).</summary>
    public int PubkyTlsPort { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The z32 key of the testnet homeserver (secret of 32 zero bytes).</summary>
    public const string HomeserverZ32 = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    /// <summary>
    /// Starts on fresh free ports. A port found free can be taken by another socket before the server binds it, so a
    /// bind failure is retried on other ports (a bounded number of times). <paramref name="services"/> adds test
    /// services (a fake clock, probes) before the homeserver's own, which then keep them (the host adds defaults with TryAdd).
    /// </summary>
    public static async Task<TestHomeserver> StartAsync(
        IDictionary<string, string?>? overrides = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "pubky-test-" + Guid.NewGuid().ToString("N"));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(overrides, dataDirectory, FreePorts.Take(8), services);
            }
            catch (Exception e) when (attempt < 5 && IsAddressInUse(e))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception e) =>
        e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }
        || e.ToString().Contains("Address already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Makes <paramref name="clock"/> the homeserver's clock: the grains', the gateway's and the sweeper's. Orleans
    /// resolves its own areas' clocks by key (Orleans.Runtime.TimeProviderNames), and those keep real time.
    /// </summary>
    public static void UseClock(IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
    }

    private static async Task<TestHomeserver> TryStartAsync(
        IDictionary<string, string?>? overrides, string dataDirectory, int[] ports, Action<IServiceCollection>? services)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Homeserver:Testnet"] = "true",
            ["Homeserver:DataDirectory"] = dataDirectory,
            ["Listen:Address"] = "127.0.0.1",
            ["Listen:ClientPort"] = ports[0].ToString(),
            ["Listen:AdminPort"] = ports[1].ToString(),
            ["Listen:MetricsPort"] = ports[2].ToString(),
            ["Listen:PkarrRelayPort"] = ports[3].ToString(),
            ["Listen:HttpRelayPort"] = ports[4].ToString(),
            ["Listen:SiloPort"] = ports[5].ToString(),
            ["Listen:SiloGatewayPort"] = ports[6].ToString(),
            ["Listen:PubkyTlsPort"] = ports[7].ToString(),
            ["Admin:Password"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestSettings.Isolation)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder.Services);
        builder.AddPubkyHomeserver(GatewayHttp.Surface);
        var app = builder.Build();
        app.MapPubkyHomeserver();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new TestHomeserver(app, dataDirectory, ports);
    }

    public Uri Url(int port, string pathAndQuery = "/") => new($"http://127.0.0.1:{port}{pathAndQuery}");

    public Uri ClientUrl(string pathAndQuery = "/") => Url(ClientPort, pathAndQuery);

    public Uri AdminUrl(string pathAndQuery = "/") => Url(AdminPort, pathAndQuery);

    /// <summary>A client without cookie handling: tests set cookies and headers explicitly.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Stops the server and keeps the data directory (for restart tests).</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
    }
}
