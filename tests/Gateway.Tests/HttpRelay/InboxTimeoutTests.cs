using System.Net;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>An /inbox long poll that gets no answer ends with 408 once HttpRelay:InboxTimeoutSeconds (here 2 s) have passed.</summary>
public sealed class InboxTimeoutTests(ShortTimeoutHomeserver fixture) : IClassFixture<ShortTimeoutHomeserver>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();
    private readonly string _id = "inbox-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_get_on_an_empty_inbox_times_out_with_408()
    {
        var response = await _http.GetAsync(Url());

        await AssertTimedOutAsync(response);
    }

    [Fact]
    public async Task A_get_after_the_ack_waits_and_times_out_with_408()
    {
        await _http.PostAsync(Url(), new ByteArrayContent([1]));
        await _http.DeleteAsync(Url());

        var response = await _http.GetAsync(Url());

        await AssertTimedOutAsync(response);
    }

    [Fact]
    public async Task An_await_without_an_ack_times_out_with_408()
    {
        await _http.PostAsync(Url(), new ByteArrayContent([1]));

        var response = await _http.GetAsync(Url("/await"));

        await AssertTimedOutAsync(response);
    }

    private static Task AssertTimedOutAsync(HttpResponseMessage response) =>
        RelayAnswer.AssertTextAsync(HttpStatusCode.RequestTimeout, "Request timed out", response);

    private Uri Url(string suffix = "") => fixture.Server.Url(fixture.Server.HttpRelayPort, $"/inbox/{_id}{suffix}");

    public void Dispose() => _http.Dispose();
}
