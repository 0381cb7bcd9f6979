using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>A relay whose /link and /inbox waits end after two seconds.</summary>
public sealed class ShortTimeoutHomeserver : IAsyncLifetime
{
    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(new Dictionary<string, string?>
        {
            ["HttpRelay:TimeoutSeconds"] = "2",
            ["HttpRelay:InboxTimeoutSeconds"] = "2",
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
