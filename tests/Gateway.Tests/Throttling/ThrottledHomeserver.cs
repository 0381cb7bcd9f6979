using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Throttling;

/// <summary>A homeserver on a watched fake clock (starting now, so real AuthTokens pass) with the given Limits.</summary>
public static class ThrottledHomeserver
{
    public static Task<(TestHomeserver Server, WatchedTime Clock)> StartAsync(string key, string rate) =>
        StartAsync(new Dictionary<string, string?> { [key] = rate });

    public static async Task<(TestHomeserver Server, WatchedTime Clock)> StartAsync(IDictionary<string, string?> settings)
    {
        var clock = new WatchedTime(DateTimeOffset.UtcNow);
        var server = await TestHomeserver.StartAsync(settings, services: services => TestHomeserver.UseClock(services, clock));
        return (server, clock);
    }
}
