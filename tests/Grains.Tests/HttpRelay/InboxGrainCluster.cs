using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Grains.Tests.HttpRelay;

/// <summary>One silo whose grains' clock is a <see cref="FakeTimeProvider"/>; Orleans' own timers stay on real time.</summary>
public sealed class InboxGrainCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public IHttpRelayInboxGrain Inbox() => Cluster.Client.GetGrain<IHttpRelayInboxGrain>("inbox-" + Guid.NewGuid().ToString("N"));

    private InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            // Orleans resolves its areas' clocks by key (Orleans.Runtime.TimeProviderNames); they keep real time.
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}
