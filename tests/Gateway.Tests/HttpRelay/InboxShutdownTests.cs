using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.HttpRelay;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Grains.HttpRelay;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>An /inbox long poll ends as soon as its gateway starts shutting down (SIGTERM), answered as a timeout.</summary>
public sealed class InboxShutdownTests(ShortTimeoutHomeserver fixture) : IClassFixture<ShortTimeoutHomeserver>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly ControlledLifetime _lifetime = new();

    /// <summary>An inbox relay on the fixture's grains whose long poll lasts an hour, so only the shutdown can end it within the bound.</summary>
    private InboxRelay Relay() => new(
        fixture.Server.Services.GetRequiredService<IGrainFactory>(), Options.Create(new HttpRelayOptions { InboxTimeoutSeconds = 3600 }),
        TimeProvider.System, _lifetime, NullLogger<InboxRelay>.Instance);

    [Fact]
    public async Task A_waiting_read_is_answered_as_timed_out_once_the_gateway_starts_stopping()
    {
        var waiting = Relay().ReadAsync($"stopping-{Guid.NewGuid():N}", CancellationToken.None);

        _lifetime.StopApplication();

        Assert.Equal(InboxPollStatus.Waiting, (await waiting.WaitAsync(Bound))?.Status);
    }

    public void Dispose() => _lifetime.Dispose();
}
