using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>Orleans' binary serializer outside a silo, knowing the test state types.</summary>
public static class OrleansSerialization
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CounterState).Assembly))
        .BuildServiceProvider();

    public static IGrainStorageSerializer GrainStorageSerializer { get; } =
        new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>());

    public static IActivatorProvider ActivatorProvider { get; } = Services.GetRequiredService<IActivatorProvider>();
}
