using System.Net;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using PubkyCluster.Grains.Users;
using PubkyCluster.Hosting.Health;
using PubkyCluster.Hosting.Metrics;
using PubkyCluster.Hosting.Pkarr;
using PubkyCluster.Hosting.Settings;
using PubkyCluster.Hosting.Storage;
using PubkyCluster.Hosting.Web;

namespace PubkyCluster.Hosting.Cluster;

/// <summary>
/// Everything a silo needs to host the Pubky grains, and what a gateway needs to reach them. The single-process
/// homeserver, the silo process and the gateway process all call these, so the profiles cannot drift apart.
/// </summary>
public static class SiloHosting
{
    /// <summary>
    /// A silo process of the cluster profile: grains, and no HTTP but the metrics listener (Listen:MetricsPort) for
    /// /metrics and the probes.
    /// </summary>
    public static WebApplicationBuilder AddPubkySiloProcess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ListenOptions>, SiloListenOptionsValidator>());
        var listen = services.AddValidatedOptions(builder.Configuration, ListenOptions.Section, new ListenOptionsValidator());
        services.AddHomeserverMetrics(builder.Configuration);
        services.AddProcessHealth();
        builder.WebHost.ConfigureKestrel(kestrel => OperationsListener.Bind(kestrel, listen, [listen.MetricsPort]));
        builder.UseOrleans(silo => silo.AddPubkySilo(builder.Configuration));
        return builder;
    }

    public static WebApplication MapPubkySiloProcess(this WebApplication app)
    {
        OperationsListener.Pipeline(app);
        return app;
    }

    /// <summary>Membership on the Listen ports, the grains' services, the storage profile, the republisher and the sweeper.</summary>
    public static ISiloBuilder AddPubkySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        var membership = services.AddPubkyGrainServices(configuration);
        var listen = services.AddValidatedOptions(configuration, ListenOptions.Section, new ListenOptionsValidator());
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (membership.ClusterId, membership.ServiceId));
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = membership.ProbeTimeout;
            o.NumMissedProbesLimit = membership.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = membership.NumVotesForDeathDeclaration;
            o.DeathVoteExpirationTimeout = membership.DeathVoteExpirationTimeout;
        });
        silo.Configure<SiloMessagingOptions>(o => o.ClientGatewayShutdownNotificationTimeout = membership.ClientGatewayShutdownNotificationTimeout);
        if (membership.SiloName is { } siloName)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = siloName);
        }
        if (membership.Membership == MembershipKind.Localhost)
        {
            silo.UseLocalhostClustering(listen.SiloPort, listen.SiloGatewayPort, serviceId: membership.ServiceId, clusterId: membership.ClusterId);
        }
        else
        {
            if (membership.Membership == MembershipKind.Redis)
            {
                silo.UseRedisClustering(membership.RedisConnectionString!);
            }
            else
            {
                silo.UseAzureStorageClustering(table => table.TableServiceClient = new TableServiceClient(membership.AzureTableConnectionString));
            }
            silo.ConfigureEndpoints(IPAddress.Parse(membership.AdvertisedAddress), listen.SiloPort, listen.SiloGatewayPort, membership.ListenOnAnyAddress);
        }
        silo.AddPubkySiloStorage(configuration);
        services.AddSiloHealth();
        services.AddPubkyRepublishing(configuration);
        return silo;
    }

    /// <summary>An Orleans client of the cluster (a gateway process that hosts no grains).</summary>
    public static IClientBuilder AddPubkyClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        var membership = client.Services.AddPubkyGrainServices(configuration);
        var listen = client.Services.AddValidatedOptions(configuration, ListenOptions.Section, new ListenOptionsValidator());
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (membership.ClusterId, membership.ServiceId));
        client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = membership.GatewayListRefreshPeriod);
        client.AddOutgoingGrainCallFilter<RejectedCallRetry>();
        if (membership.Membership == MembershipKind.Localhost)
        {
            client.UseLocalhostClustering(listen.SiloGatewayPort, membership.ServiceId, membership.ClusterId);
        }
        else if (membership.Membership == MembershipKind.Redis)
        {
            client.UseRedisClustering(membership.RedisConnectionString!);
        }
        else
        {
            client.UseAzureStorageClustering(table => table.TableServiceClient = new TableServiceClient(membership.AzureTableConnectionString));
        }
        return client;
    }

    /// <summary>What every process needs whether it hosts grains or calls them: the clock, the limits and the membership settings.</summary>
    public static ClusterMembershipOptions AddPubkyGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions(configuration, LimitsOptions.Section, new LimitsOptionsValidator());
        return services.AddValidatedOptions(configuration, ClusterMembershipOptions.Section, new ClusterMembershipOptionsValidator());
    }
}
