using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>A homeserver with the default admin failure bound (10 within 5 minutes) on a fake clock the tests move.</summary>
public sealed class AdminLockoutHomeserver : IAsyncLifetime
{
    private TestHomeserver? _server;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() => _server = await TestHomeserver.StartAsync(services: services => TestHomeserver.UseClock(services, Clock));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
