using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Instruments for unit tests, from a meter factory of their own.</summary>
public static class TestMetrics
{
    public static HomeserverMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
