using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Waits (boundedly) until a bound's count is as expected: the server sees a disconnect a moment after the client makes it.</summary>
public static class BoundWait
{
    public static async Task UntilAsync(
        TestHomeserver server, Func<ResourceBounds, ConcurrencyBound> pick, Func<ConcurrencyBound, int> count, int expected)
    {
        var bound = pick(server.Services.GetRequiredService<ResourceBounds>());
        for (var attempt = 0; attempt < 200 && count(bound) != expected; attempt++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(expected, count(bound));
    }
}
