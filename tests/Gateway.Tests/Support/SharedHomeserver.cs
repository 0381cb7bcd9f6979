namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>One default homeserver shared by the tests of the "homeserver" collection (they use distinct users).</summary>
public sealed class SharedHomeserver : IAsyncLifetime
{
    private TestHomeserver? _server;

    public TestHomeserver Server => _server ?? throw new InvalidOperationException("The shared homeserver is not started.");

    public async Task InitializeAsync() => _server = await TestHomeserver.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HomeserverCollection : ICollectionFixture<SharedHomeserver>
{
    public const string Name = "homeserver";
}

/// <summary>
/// Metrics tests run alone, on a homeserver of their own: OpenTelemetry listens to meters by name process-wide, so
/// the same-named meters of other test servers in this process would mix into or shadow the series they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<SharedHomeserver>
{
    public const string Name = "metrics";
}
