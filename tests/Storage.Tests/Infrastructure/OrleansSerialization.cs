using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PubkyCluster.Storage.GrainState;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>Orleans' binary serializer outside a silo, knowing the test state types.</summary>
public static class OrleansSerialization
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CounterState).Assembly))
        .BuildServiceProvider();

    /// <summary>The serializer the registrations give every provider, size cap included.</summary>
    public static IGrainStorageSerializer GrainStorageSerializer { get; } = new GrainStateSerializer(Services.GetRequiredService<Serializer>());

    public static IActivatorProvider ActivatorProvider { get; } = Services.GetRequiredService<IActivatorProvider>();
}
