using System.Net;
using PubkyCluster.Gateway.Tests.HttpRelay;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>
/// Inbox POSTs hold a place per address (429 beyond it) and per gateway (503) until their entry expires, so one address
/// cannot fill a gateway's grains with messages; each test frees every place by moving the clock past the TTL at its end.
/// </summary>
public sealed class StoredInboxBoundTests(StoredInboxBoundHomeserver fixture) : IClassFixture<StoredInboxBoundHomeserver>, IAsyncLifetime
{
    private readonly HeldRequests _clients = new();

    private TestHomeserver Server => fixture.Server;

    public Task InitializeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> PostAsync(IPAddress address) =>
        _clients.From(address).PostAsync(Server.Url(Server.HttpRelayPort, $"/inbox/stored-{Guid.NewGuid():N}"), new ByteArrayContent([1]));

    private async Task FillAsync(IPAddress address, int posts)
    {
        for (var i = 0; i < posts; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(address)).StatusCode);
        }
    }

    [Fact]
    public async Task A_post_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        await FillAsync(address, StoredInboxBoundHomeserver.PerAddress);

        var refused = await PostAsync(address);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.TooManyRequests, "Too many stored inboxes from this address", refused);
    }

    [Fact]
    public async Task A_post_beyond_the_gateway_total_gets_503_from_any_address()
    {
        await FillAsync(LoopbackClient.FreshAddress(), StoredInboxBoundHomeserver.PerAddress);
        await FillAsync(LoopbackClient.FreshAddress(), StoredInboxBoundHomeserver.Total - StoredInboxBoundHomeserver.PerAddress);

        var refused = await PostAsync(LoopbackClient.FreshAddress());

        await RelayAnswer.AssertTextAsync(HttpStatusCode.ServiceUnavailable, "Too many stored inboxes, please retry later", refused);
    }

    [Fact]
    public async Task A_place_frees_once_its_entry_has_expired()
    {
        var address = LoopbackClient.FreshAddress();
        await FillAsync(address, StoredInboxBoundHomeserver.PerAddress);

        fixture.Clock.Advance(StoredInboxBoundHomeserver.Ttl);
        await BoundWait.UntilAsync(Server, b => b.StoredInboxes, b => b.OpenFor(address), 0);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(address)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        fixture.Clock.Advance(StoredInboxBoundHomeserver.Ttl);
        await BoundWait.UntilAsync(Server, b => b.StoredInboxes, b => b.OpenTotal, 0);
        await _clients.DisposeAsync();
    }
}
