using System.Net;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>An inbox entry expires HttpRelay:InboxTtlSeconds after its POST, and the waits on it end with the reference's 404s.</summary>
public sealed class InboxExpiryTests(InboxExpiryHomeserver fixture) : IClassFixture<InboxExpiryHomeserver>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();
    private readonly string _id = "inbox-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_get_waiting_on_an_acknowledged_entry_gets_404_Entry_expired_when_it_expires()
    {
        await _http.PostAsync(Url(), new ByteArrayContent([1]));
        await _http.DeleteAsync(Url());
        var reader = _http.GetAsync(Url());
        await fixture.Probe.StartedAsync(_id, "Await");

        fixture.Clock.Advance(InboxExpiryHomeserver.Ttl);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Entry expired", await reader);
    }

    [Fact]
    public async Task An_await_gets_404_Not_found_when_the_entry_expires()
    {
        await _http.PostAsync(Url(), new ByteArrayContent([1]));
        var awaiting = _http.GetAsync(Url("/await"));
        await fixture.Probe.StartedAsync(_id, "Await");

        fixture.Clock.Advance(InboxExpiryHomeserver.Ttl);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", await awaiting);
    }

    [Fact]
    public async Task The_ack_status_of_an_expired_entry_is_404_Not_found()
    {
        await _http.PostAsync(Url(), new ByteArrayContent([1]));
        await _http.DeleteAsync(Url());

        fixture.Clock.Advance(InboxExpiryHomeserver.Ttl);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", await _http.GetAsync(Url("/ack")));
    }

    private Uri Url(string suffix = "") => fixture.Server.Url(fixture.Server.HttpRelayPort, $"/inbox/{_id}{suffix}");

    public void Dispose() => _http.Dispose();
}
