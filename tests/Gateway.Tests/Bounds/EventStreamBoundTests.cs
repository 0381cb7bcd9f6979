using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Open /events-stream connections are bounded per address (429) and per gateway (503); an ended stream frees its place.</summary>
public sealed class EventStreamBoundTests(TightBoundsHomeserver fixture) : IClassFixture<TightBoundsHomeserver>, IAsyncLifetime
{
    private readonly List<SseReader> _open = [];
    private readonly List<HttpClient> _clients = [];
    private TestUser? _user;

    private TestHomeserver Server => fixture.Server;

    public async Task InitializeAsync() => _user = await TestUser.Create(Server).SignedUpAsync();

    private async Task<HttpResponseMessage> OpenAsync(IPAddress from)
    {
        var client = LoopbackClient.From(from);
        _clients.Add(client);
        var reader = await SseReader.OpenAsync(client, Server.ClientUrl($"/events-stream?user={_user!.Z32}&live=true"));
        _open.Add(reader);
        return reader.Response;
    }

    [Fact]
    public async Task A_stream_beyond_the_per_address_bound_gets_429()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync(address)).StatusCode);
        }

        var refused = await OpenAsync(address);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many open event streams from this address", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_ended_stream_frees_its_place_for_the_same_address()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i < TightBoundsHomeserver.PerAddress; i++)
        {
            await OpenAsync(address);
        }
        _open[0].Dispose();
        await BoundWait.UntilAsync(Server, b => b.EventStreams, b => b.OpenFor(address), TightBoundsHomeserver.PerAddress - 1);

        var next = await OpenAsync(address);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_stream_beyond_the_gateway_total_gets_503_from_any_address()
    {
        for (var i = 0; i < TightBoundsHomeserver.Total; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync(LoopbackClient.FreshAddress())).StatusCode);
        }

        var refused = await OpenAsync(LoopbackClient.FreshAddress());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Too many open event streams, please retry later", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_stream_is_counted_in_metrics()
    {
        var address = LoopbackClient.FreshAddress();
        for (var i = 0; i <= TightBoundsHomeserver.PerAddress; i++)
        {
            await OpenAsync(address);
        }

        var text = await MetricsScrape.UntilAsync(Server, "resource_bound_refusals_total{otel_scope_name=\"pubky_homeserver\",resource=\"event_streams\"}");

        Assert.Contains("resource=\"event_streams\"", text);
    }

    public async Task DisposeAsync()
    {
        foreach (var reader in _open)
        {
            reader.Dispose();
        }
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _user?.Dispose();
        await BoundWait.UntilAsync(Server, b => b.EventStreams, b => b.OpenTotal, 0);
    }
}
