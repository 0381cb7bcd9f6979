using System.Net;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>
/// Each test orders its requests by waiting, through <see cref="RelayCallProbe"/>, until the first one has reached
/// its channel grain: the order the relay sees is the one the test means, however slow the machine.
/// </summary>
public sealed class HttpRelayTests(ProbedRelayHomeserver fixture) : IClassFixture<ProbedRelayHomeserver>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();
    private readonly string _channel = "test-" + Guid.NewGuid().ToString("N");

    private RelayCallProbe Probe => fixture.Probe;

    [Fact]
    public async Task Get_then_post_delivers_the_body_to_the_get()
    {
        var consumer = _http.GetAsync(LinkUrl());
        await Probe.StartedAsync(_channel, "AwaitMessage");

        var producer = await _http.PostAsync(LinkUrl(), new ByteArrayContent([1, 2, 3]));

        var consumed = await consumer;
        Assert.Equal(HttpStatusCode.OK, consumed.StatusCode);
        Assert.Equal([1, 2, 3], await consumed.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", consumed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, producer.StatusCode);
        Assert.Empty(await producer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_then_get_delivers_the_body_and_releases_the_post()
    {
        var producer = _http.PostAsync(LinkUrl(), new ByteArrayContent([4, 5]));
        await Probe.StartedAsync(_channel, "AwaitDelivery");

        var consumed = await _http.GetAsync(LinkUrl());

        Assert.Equal(HttpStatusCode.OK, consumed.StatusCode);
        Assert.Equal([4, 5], await consumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await producer).StatusCode);
    }

    [Fact]
    public async Task A_second_get_displaces_the_first_which_gets_404()
    {
        var displaced = _http.GetAsync(LinkUrl());
        await Probe.StartedAsync(_channel, "AwaitMessage");
        var current = _http.GetAsync(LinkUrl());

        var first = await displaced;

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal("Not Found", await first.Content.ReadAsStringAsync());
        await _http.PostAsync(LinkUrl(), new ByteArrayContent([9]));
        Assert.Equal([9], await (await current).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_get_that_disconnects_gives_up_its_place()
    {
        using (var abandon = new CancellationTokenSource())
        {
            var abandoned = _http.GetAsync(LinkUrl(), abandon.Token);
            await Probe.StartedAsync(_channel, "AwaitMessage");
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }
        await Probe.FinishedAsync(_channel, "Cancel");
        var producer = _http.PostAsync(LinkUrl(), new ByteArrayContent([7]));
        await Probe.StartedAsync(_channel, "AwaitDelivery");

        var consumed = await _http.GetAsync(LinkUrl());

        Assert.Equal([7], await consumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await producer).StatusCode);
    }

    [Fact]
    public async Task Post_over_64_KiB_is_413()
    {
        var response = await _http.PostAsync(LinkUrl(), new ByteArrayContent(new byte[64 * 1024 + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private Uri LinkUrl() => fixture.Server.Url(fixture.Server.HttpRelayPort, "/link/" + _channel);

    public void Dispose() => _http.Dispose();
}
