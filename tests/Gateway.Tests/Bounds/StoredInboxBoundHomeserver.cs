using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>A homeserver on a fake clock the tests move, holding at most two stored inboxes per address and three in total.</summary>
public sealed class StoredInboxBoundHomeserver : IAsyncLifetime
{
    public const int PerAddress = 2;
    public const int Total = 3;

    /// <summary>The default inbox TTL, after which a POST's place frees.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private TestHomeserver? _server;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(
            new Dictionary<string, string?>
            {
                ["Bounds:StoredInboxesPerAddress"] = PerAddress.ToString(),
                ["Bounds:StoredInboxes"] = Total.ToString(),
            },
            services: services => TestHomeserver.UseClock(services, Clock));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
