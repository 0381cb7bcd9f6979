using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>
/// A homeserver on a fake clock the tests move, whose inbox entries live <see cref="Ttl"/>, shorter than the long poll's
/// 25 s and its 20 s grain polls, so moving the clock by the TTL expires an entry while nothing else times out.
/// </summary>
public sealed class InboxExpiryHomeserver : IAsyncLifetime
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private TestHomeserver? _server;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RelayCallProbe Probe { get; } = new();

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(
            new Dictionary<string, string?> { ["HttpRelay:InboxTtlSeconds"] = ((int)Ttl.TotalSeconds).ToString() },
            services: services =>
            {
                TestHomeserver.UseClock(services, Clock);
                services.AddSingleton<IIncomingGrainCallFilter>(Probe);
            });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
