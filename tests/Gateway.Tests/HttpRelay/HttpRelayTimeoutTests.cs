using System.Net;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

public sealed class HttpRelayTimeoutTests(ShortTimeoutHomeserver fixture) : IClassFixture<ShortTimeoutHomeserver>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();

    [Fact]
    public async Task Get_without_a_producer_times_out_with_408()
    {
        var response = await _http.GetAsync(LinkUrl("lonely-consumer"));

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("Request timed out", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_without_a_consumer_times_out_with_408()
    {
        var response = await _http.PostAsync(LinkUrl("lonely-producer"), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("Request timed out", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_that_timed_out_is_not_delivered_later()
    {
        var channel = LinkUrl("expired-producer");
        await _http.PostAsync(channel, new ByteArrayContent([1]));

        var response = await _http.GetAsync(channel);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
    }

    /// <summary>A channel of its own for each call.</summary>
    private Uri LinkUrl(string channel) => fixture.Server.Url(fixture.Server.HttpRelayPort, $"/link/{channel}-{Guid.NewGuid():N}");

    public void Dispose() => _http.Dispose();
}
