using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Waiting /link requests are bounded per address (429) and per gateway (503); a wait that ends frees its place.</summary>
public sealed class LinkWaitBoundTests(TightBoundsHomeserver fixture) : IClassFixture<TightBoundsHomeserver>, IAsyncLifetime
{
    private readonly HeldRequests _held = new();

    private TestHomeserver Server => fixture.Server;

    public Task InitializeAsync() => Task.CompletedTask;

    private HttpClient From(IPAddress address) => _held.From(address);

    private static string Channel() => "/link/bound-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts a consumer that waits, and returns once the relay holds it.</summary>
    private async Task<CancellationTokenSource> WaitAsync(IPAddress address)
    {
        var open = Server.Services.GetRequiredService<ResourceBounds>().LinkWaits.OpenFor(address);
        var leave = _held.Hold(address, Server.Url(Server.HttpRelayPort, Channel()));
        await BoundWait.UntilAsync(Server, b => b.LinkWaits, b => b.OpenFor(address), open + 1);
        return leave;
    }

    [Fact]
    public async Task A_consumer_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        var refused = await From(address).GetAsync(Server.Url(Server.HttpRelayPort, Channel()));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many waiting relay requests from this address", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_producer_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        var refused = await From(address).PostAsync(Server.Url(Server.HttpRelayPort, Channel()), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task A_wait_that_ends_frees_its_place_for_the_same_address()
    {
        var address = LoopbackClient.FreshAddress();
        var first = await WaitAsync(address);
        for (var i = 1; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        await first.CancelAsync();
        await BoundWait.UntilAsync(Server, b => b.LinkWaits, b => b.OpenFor(address), TightBoundsHomeserver.PerAddress - 1);

        await WaitAsync(address);
    }

    [Fact]
    public async Task A_wait_beyond_the_gateway_total_gets_503_from_any_address()
    {
        for (var i = 0; i < TightBoundsHomeserver.Total; i++)
        {
            await WaitAsync(LoopbackClient.FreshAddress());
        }

        var refused = await From(LoopbackClient.FreshAddress()).GetAsync(Server.Url(Server.HttpRelayPort, Channel()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Too many waiting relay requests, please retry later", await refused.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _held.DisposeAsync();
        await BoundWait.UntilAsync(Server, b => b.LinkWaits, b => b.OpenTotal, 0);
    }
}
