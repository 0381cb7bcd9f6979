using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.HttpRelay;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>A /link wait ends as soon as its gateway starts shutting down (SIGTERM), not after the relay timeout.</summary>
public sealed class LinkShutdownTests(ShortTimeoutHomeserver fixture) : IClassFixture<ShortTimeoutHomeserver>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly ControlledLifetime _lifetime = new();

    /// <summary>
    /// A rendezvous on the fixture's grains whose own relay timeout is the reference's ten minutes, so only the
    /// shutdown can end its wait within the test's bound.
    /// </summary>
    private LinkRendezvous Rendezvous() => new(
        fixture.Server.Services.GetRequiredService<IGrainFactory>(), Options.Create(new HttpRelayOptions()), TimeProvider.System,
        _lifetime, NullLogger<LinkRendezvous>.Instance);

    [Fact]
    public async Task A_waiting_consumer_is_answered_as_timed_out_once_the_gateway_starts_stopping()
    {
        var waiting = Rendezvous().ConsumeAsync($"stopping-{Guid.NewGuid():N}", CancellationToken.None);

        _lifetime.StopApplication();

        Assert.Equal(LinkOutcomeKind.TimedOut, (await waiting.WaitAsync(Bound)).Kind);
    }

    [Fact]
    public async Task A_consumer_ended_by_shutdown_withdraws_so_a_later_producer_is_not_delivered_to_it()
    {
        var channel = $"withdrawn-{Guid.NewGuid():N}";
        var waiting = Rendezvous().ConsumeAsync(channel, CancellationToken.None);
        _lifetime.StopApplication();
        await waiting.WaitAsync(Bound);
        using var http = fixture.Server.CreateClient();

        using var post = await http.PostAsync(fixture.Server.Url(fixture.Server.HttpRelayPort, $"/link/{channel}"), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.RequestTimeout, post.StatusCode);
    }

    public void Dispose() => _lifetime.Dispose();
}
