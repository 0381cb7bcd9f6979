using Pubky.Protocol.Auth;
using Pubky.Protocol.Auth.Grants;
using PubkyCluster.Gateway.AdminApi;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Gateway.HttpRelay;
using PubkyCluster.Gateway.PkarrRelay;
using PubkyCluster.Gateway.Pkdns;
using PubkyCluster.Gateway.RateLimiting;
using PubkyCluster.Gateway.Throttling;
using PubkyCluster.Grains.Users;
using PubkyCluster.Hosting.Settings;

namespace PubkyCluster.Gateway;

/// <summary>The gateway's HTTP areas and their services, for the web host of src/Hosting (Web/HomeserverWebHosting.cs).</summary>
public static class GatewayHttp
{
    public static HttpSurface Surface { get; } = new(AddServices,
    [
        Area("client API", listen => listen.ClientPort, ClientApiEndpoints.Map, RequestRateLimiter.Guard, StorageEndpoints.DotSegmentGuard),
        // The same API again for native clients: src/Hosting/PubkyTls decrypts in front of it.
        Area(
            "client API over Pubky TLS", listen => listen.PubkyTlsPort, ClientApiEndpoints.Map, RequestRateLimiter.Guard,
            StorageEndpoints.DotSegmentGuard),
        Area("admin API", listen => listen.AdminPort, AdminArea.Map),
        Area("pkarr relay", listen => listen.PkarrRelayPort, PkarrRelayArea.Map),
        Area("http relay", listen => listen.HttpRelayPort, HttpRelayArea.Map),
    ]);

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var testnet = services.AddHomeserverIdentity(configuration).Testnet;
        services.AddValidatedOptions(configuration, AdminOptions.Section, new AdminOptionsValidator(testnet));
        if (testnet)
        {
            services.PostConfigure<AdminOptions>(admin => admin.Password = admin.Password is "" ? AdminOptions.TestnetPassword : admin.Password);
        }
        services.AddValidatedOptions(configuration, SignupOptions.Section, new SignupOptionsValidator());
        services.AddValidatedOptions(configuration, HttpRelayOptions.Section, new HttpRelayOptionsValidator());
        services.AddValidatedOptions(configuration, BodyCacheOptions.Section, new BodyCacheOptionsValidator());
        services.AddValidatedOptions(configuration, FeedPageCacheOptions.Section, new FeedPageCacheOptionsValidator());
        services.AddValidatedOptions(configuration, BoundsOptions.Section, new BoundsOptionsValidator());
        services.AddResourceBounds();
        services.AddBandwidthThrottling();
        services.AddSingleton<SignupPolicy>();
        services.AddSingleton<UserGrains>();
        services.AddSingleton(sp => new AuthTokenVerifier(
            sp.GetRequiredService<IOptions<LimitsOptions>>().Value.AuthTokenWindow, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new GrantVerifier(
            sp.GetRequiredService<HomeserverIdentity>().PublicKey, sp.GetRequiredService<TimeProvider>()));
        services.AddCors(cors => cors.AddPolicy(Cors.VeryPermissive, Cors.ConfigureVeryPermissive));
        services.AddClientApi();
        services.AddAdminApi();
        services.AddRateLimiting(configuration);
        services.AddPkarrRelay();
        services.AddHttpRelay();
        services.AddHomeserverRecordPublishing();
    }

    /// <summary>
    /// Every area answers grain-call failures the same way and allows any origin, as the reference does;
    /// <paramref name="beforeRouting"/> run in order ahead of routing and CORS (so their answers carry no CORS headers, as the reference's).
    /// </summary>
    private static HttpArea Area(
        string name, Func<ListenOptions, int> port, Action<IEndpointRouteBuilder> map,
        params Func<HttpContext, Func<Task>, Task>[] beforeRouting) =>
        new(name, port, branch =>
        {
            branch.Use(GrainCallFailures.Guard(branch.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrainCallFailures))));
            foreach (var step in beforeRouting)
            {
                branch.Use(step);
            }
            branch.UseRouting();
            branch.UseCors(Cors.VeryPermissive);
            branch.UseEndpoints(map);
        });
}
