using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>A homeserver whose default storage quota is 1 MiB, so effective and overridden quotas differ visibly.</summary>
public sealed class DefaultQuotaHomeserver : IAsyncLifetime
{
    public const long DefaultQuotaMb = 1;

    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:DefaultQuotaMb"] = DefaultQuotaMb.ToString() });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
