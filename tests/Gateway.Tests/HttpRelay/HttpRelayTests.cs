using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

[Collection(HomeserverCollection.Name)]
public sealed class HttpRelayTests(SharedHomeserver shared) : IDisposable
{
    /// <summary>Long enough for a request to reach its channel grain before the counterpart is sent.</summary>
    private static readonly TimeSpan Head = TimeSpan.FromMilliseconds(700);

    private readonly HttpClient _http = shared.Server.CreateClient();
    private readonly string _channel = "test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Get_then_post_delivers_the_body_to_the_get()
    {
        var consumer = _http.GetAsync(LinkUrl());
        await Task.Delay(Head);

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
        await Task.Delay(Head);

        var consumed = await _http.GetAsync(LinkUrl());

        Assert.Equal(HttpStatusCode.OK, consumed.StatusCode);
        Assert.Equal([4, 5], await consumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await producer).StatusCode);
    }

    [Fact]
    public async Task A_second_get_displaces_the_first_which_gets_404()
    {
        var displaced = _http.GetAsync(LinkUrl());
        await Task.Delay(Head);
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
        using (var abandon = new CancellationTokenSource(Head))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _http.GetAsync(LinkUrl(), abandon.Token));
        }
        await Task.Delay(Head);
        var producer = _http.PostAsync(LinkUrl(), new ByteArrayContent([7]));
        await Task.Delay(Head);

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

    private Uri LinkUrl() => shared.Server.Url(shared.Server.HttpRelayPort, "/link/" + _channel);

    public void Dispose() => _http.Dispose();
}
