using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>A homeserver whose connection bounds are small enough to reach in a test: two per address, three in total.</summary>
public sealed class TightBoundsHomeserver : IAsyncLifetime
{
    public const int PerAddress = 2;
    public const int Total = 3;

    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(new Dictionary<string, string?>
        {
            ["Bounds:EventStreamsPerAddress"] = PerAddress.ToString(),
            ["Bounds:EventStreams"] = Total.ToString(),
            ["Bounds:LinkWaitsPerAddress"] = PerAddress.ToString(),
            ["Bounds:LinkWaits"] = Total.ToString(),
            ["Bounds:InboxWaitsPerAddress"] = PerAddress.ToString(),
            ["Bounds:InboxWaits"] = Total.ToString(),
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
