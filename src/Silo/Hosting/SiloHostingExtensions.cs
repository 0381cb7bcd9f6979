using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using PubkyCluster.Grains.Users;
using PubkyCluster.Silo.Pkarr;
using PubkyCluster.Storage.Azure;
using PubkyCluster.Storage.Embedded;

namespace PubkyCluster.Silo.Hosting;

/// <summary>
/// Everything a silo needs to host the Pubky grains, and what a gateway needs to reach them. The single-process
/// homeserver, the silo process and the gateway process all call these, so the profiles cannot drift apart.
/// </summary>
public static class SiloHostingExtensions
{
    /// <summary>Membership, grain services and the configured storage profile for a silo on the given ports.</summary>
    public static ISiloBuilder AddPubkySilo(this ISiloBuilder silo, IConfiguration configuration, int siloPort, int gatewayPort)
    {
        var membership = Membership(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (membership.ClusterId, membership.ServiceId));
        if (membership.Membership == MembershipKind.Redis)
        {
            silo.UseRedisClustering(membership.RedisConnectionString!);
            silo.ConfigureEndpoints(IPAddress.Parse(membership.AdvertisedAddress), siloPort, gatewayPort, membership.ListenOnAnyAddress);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: membership.ServiceId, clusterId: membership.ClusterId);
        }
        silo.Services.AddPubkyGrainServices(configuration);
        silo.Services.AddPubkyStorage(configuration);
        silo.Services.AddPubkyRepublishing(configuration);
        if (Profile(configuration) == StorageProfile.Azure)
        {
            silo.AddPubkyAzureGrainStorage();
        }
        else
        {
            silo.AddPubkyEmbeddedGrainStorage();
        }
        return silo;
    }

    /// <summary>An Orleans client of the cluster (a gateway process that hosts no grains).</summary>
    public static IClientBuilder AddPubkyClusterClient(this IClientBuilder client, IConfiguration configuration, int siloGatewayPort)
    {
        var membership = Membership(configuration);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (membership.ClusterId, membership.ServiceId));
        if (membership.Membership == MembershipKind.Redis)
        {
            client.UseRedisClustering(membership.RedisConnectionString!);
        }
        else
        {
            client.UseLocalhostClustering(siloGatewayPort, membership.ServiceId, membership.ClusterId);
        }
        return client;
    }

    /// <summary>The grains' options (validated at start), the clock, and the membership settings' validation.</summary>
    public static IServiceCollection AddPubkyGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UserLimitsOptions>().Bind(configuration.GetSection(UserLimitsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserLimitsOptions>, UserLimitsOptionsValidator>());
        services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(ClusterMembershipOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>());
        return services;
    }

    /// <summary>The stores of the configured profile (the gateway streams bodies and reads events through them).</summary>
    public static IServiceCollection AddPubkyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageProfileOptions>().Bind(configuration.GetSection(StorageProfileOptions.Section));
        return Profile(configuration) == StorageProfile.Azure
            ? services.AddPubkyAzureStorage(options => configuration.GetSection("Storage:Azure").Bind(options))
            // The embedded data directory is the homeserver's ("Homeserver:DataDirectory").
            : services.AddPubkyEmbeddedStorage(options => configuration.GetSection("Homeserver").Bind(options));
    }

    public static StorageProfile Profile(IConfiguration configuration) =>
        configuration.GetSection(StorageProfileOptions.Section).Get<StorageProfileOptions>()?.Profile ?? StorageProfile.Embedded;

    private static ClusterMembershipOptions Membership(IConfiguration configuration) =>
        configuration.GetSection(ClusterMembershipOptions.Section).Get<ClusterMembershipOptions>() ?? new ClusterMembershipOptions();
}
