using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PubkyCluster.Hosting.Health;

/// <summary>Which checks a process runs: every process the lifetime ones, a silo its membership, a gateway its grain and blob calls.</summary>
public static class HealthServices
{
    /// <summary>A grain or storage call slower than this fails the probe rather than holding it until the kubelet gives up.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Startup passes once the host has started; readiness fails from the moment shutdown begins.</summary>
    public static IServiceCollection AddProcessHealth(this IServiceCollection services) =>
        services.AddChecksOnce<StartedHealthCheck>(builder => builder
            .AddCheck<StartedHealthCheck>("started", tags: [HealthEndpoints.StartupTag])
            .AddCheck<ShutdownHealthCheck>("not-stopping", tags: [HealthEndpoints.ReadyTag]));

    /// <summary>A silo is ready while it is Active in the membership table.</summary>
    public static IServiceCollection AddSiloHealth(this IServiceCollection services) =>
        services.AddChecksOnce<SiloMembershipHealthCheck>(builder => builder
            .AddCheck<SiloMembershipHealthCheck>("silo-membership", tags: [HealthEndpoints.ReadyTag]));

    /// <summary>A gateway is ready while a read-only grain call answers and its blob store does.</summary>
    public static IServiceCollection AddGatewayHealth(this IServiceCollection services) =>
        services.AddChecksOnce<GrainCallHealthCheck>(builder => builder
            .AddCheck<GrainCallHealthCheck>("grain-call", tags: [HealthEndpoints.ReadyTag], timeout: CallTimeout)
            .AddCheck<BlobStoreHealthCheck>("blob-store", tags: [HealthEndpoints.ReadyTag], timeout: CallTimeout));

    /// <summary>Health check names must be unique, and the profiles' composition may ask for the same checks twice.</summary>
    private static IServiceCollection AddChecksOnce<TMarker>(this IServiceCollection services, Action<IHealthChecksBuilder> add)
        where TMarker : class, IHealthCheck
    {
        if (services.All(d => d.ServiceType != typeof(TMarker)))
        {
            services.AddSingleton<TMarker>();
            add(services.AddHealthChecks());
        }
        return services;
    }
}
