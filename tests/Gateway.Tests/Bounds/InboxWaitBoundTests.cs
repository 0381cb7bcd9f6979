using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PubkyCluster.Gateway.Bounds;
using PubkyCluster.Gateway.Tests.HttpRelay;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Waiting /inbox reads and ack waits are bounded per address (429) and per gateway (503), apart from /link waits.</summary>
public sealed class InboxWaitBoundTests(TightBoundsHomeserver fixture) : IClassFixture<TightBoundsHomeserver>, IAsyncLifetime
{
    private readonly HeldRequests _held = new();

    private TestHomeserver Server => fixture.Server;

    public Task InitializeAsync() => Task.CompletedTask;

    private HttpClient From(IPAddress address) => _held.From(address);

    private Uri Inbox(string suffix = "") => Server.Url(Server.HttpRelayPort, $"/inbox/bound-{Guid.NewGuid():N}{suffix}");

    /// <summary>Starts a read of an empty inbox, and returns once the bound counts it.</summary>
    private async Task WaitAsync(IPAddress address)
    {
        var open = Server.Services.GetRequiredService<ResourceBounds>().InboxWaits.OpenFor(address);
        _held.Hold(address, Inbox());
        await BoundWait.UntilAsync(Server, b => b.InboxWaits, b => b.OpenFor(address), open + 1);
    }

    [Fact]
    public async Task A_read_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        var refused = await From(address).GetAsync(Inbox());

        await RelayAnswer.AssertTextAsync(HttpStatusCode.TooManyRequests, "Too many waiting inbox requests from this address", refused);
    }

    [Fact]
    public async Task An_await_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        var refused = await From(address).GetAsync(Inbox("/await"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task A_post_is_not_a_wait_and_is_stored_beyond_the_bound()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await WaitAsync(address);
        }

        var stored = await From(address).PostAsync(Inbox(), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    [Fact]
    public async Task A_read_beyond_the_gateway_total_gets_503_from_any_address()
    {
        for (var i = 0; i < TightBoundsHomeserver.Total; i++)
        {
            await WaitAsync(LoopbackClient.FreshAddress());
        }

        var refused = await From(LoopbackClient.FreshAddress()).GetAsync(Inbox());

        await RelayAnswer.AssertTextAsync(HttpStatusCode.ServiceUnavailable, "Too many waiting inbox requests, please retry later", refused);
    }

    public async Task DisposeAsync()
    {
        await _held.DisposeAsync();
        await BoundWait.UntilAsync(Server, b => b.InboxWaits, b => b.OpenTotal, 0);
    }
}
