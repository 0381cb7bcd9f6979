using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Embedded;

namespace PubkyCluster.Silo.Hosting;

/// <summary>Everything a silo needs to host the Pubky grains; single-process mode calls the same methods.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Registers the grains' options (validated at start) and the embedded storage profile.</summary>
    public static ISiloBuilder AddPubkyGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddPubkyGrainServices(configuration);
        // The data directory is the homeserver's ("Homeserver:DataDirectory"), shared with the blob store.
        silo.Services.AddPubkyEmbeddedStorage(options => configuration.GetSection("Homeserver").Bind(options));
        silo.AddPubkyEmbeddedGrainStorage();
        return silo;
    }

    public static IServiceCollection AddPubkyGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UserLimitsOptions>()
            .Bind(configuration.GetSection(UserLimitsOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserLimitsOptions>, UserLimitsOptionsValidator>());
        return services;
    }
}
