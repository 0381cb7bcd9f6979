using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PubkyCluster.Grains.Pkarr;

public static class PkarrRepublisherServices
{
    /// <summary>
    /// Starts the user-record republisher with every silo. The host configures <see cref="UserRepublisherOptions"/> and
    /// registers the DHT (<see cref="Pubky.Pkarr.Dht.IMutableItemDht"/>) and an <see cref="IPkarrRepublishMetrics"/>.
    /// </summary>
    public static IServiceCollection AddPkarrRepublisher(this IServiceCollection services)
    {
        services.AddOptions<UserRepublisherOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserRepublisherOptions>, UserRepublisherOptionsValidator>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PkarrRepublisherStartup>();
        return services;
    }
}
