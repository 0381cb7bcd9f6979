using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>A default homeserver whose relay channel calls a <see cref="RelayCallProbe"/> sees.</summary>
public sealed class ProbedRelayHomeserver : IAsyncLifetime
{
    private TestHomeserver? _server;

    public RelayCallProbe Probe { get; } = new();

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The homeserver is not started.");

    public async Task InitializeAsync() =>
        _server = await TestHomeserver.StartAsync(services: services => services.AddSingleton<IIncomingGrainCallFilter>(Probe));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
