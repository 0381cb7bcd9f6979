using System.Net;
using System.Net.Http.Headers;

namespace PubkyCluster.Gateway.Tests.HttpRelay;

/// <summary>
/// <c>/inbox/{id}</c> on the http relay listener, with the reference's statuses and texts (pubky/http-relay v0.7.0:
/// src/http_relay/inbox_handler.rs). A test that needs a wait in place first waits, through <see cref="RelayCallProbe"/>,
/// until the waiting request polls its inbox grain.
/// </summary>
public sealed class InboxTests(ProbedRelayHomeserver fixture) : IClassFixture<ProbedRelayHomeserver>, IDisposable
{
    private const int WaitersPerId = 10;

    private readonly HttpClient _http = fixture.Server.CreateClient();
    private readonly string _id = "inbox-" + Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _end = new();

    private RelayCallProbe Probe => fixture.Probe;

    [Fact]
    public async Task A_post_is_answered_200_with_an_empty_body()
    {
        var response = await PostAsync([1, 2, 3]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_get_answers_the_posted_body_with_the_producers_content_type()
    {
        await PostAsync("{\"key\":\"value\"}"u8.ToArray(), "application/json");

        var response = await _http.GetAsync(Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"key\":\"value\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_get_of_a_body_posted_without_content_type_answers_octet_stream()
    {
        await PostAsync([7]);

        var response = await _http.GetAsync(Url());

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reading_does_not_consume_the_message()
    {
        await PostAsync([5, 6]);
        await _http.GetAsync(Url());

        var again = await _http.GetAsync(Url());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([5, 6], await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_second_post_replaces_the_stored_message()
    {
        await PostAsync("first"u8.ToArray());
        await PostAsync("second"u8.ToArray());

        var response = await _http.GetAsync(Url());

        Assert.Equal("second", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_waiting_before_the_post_receives_the_message()
    {
        var reader = _http.GetAsync(Url());
        await Probe.StartedAsync(_id, "Await");

        await PostAsync("delayed"u8.ToArray());

        var response = await reader;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delayed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_delete_acknowledges_with_200_and_an_empty_body()
    {
        await PostAsync([1]);

        var response = await _http.DeleteAsync(Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_delete_without_an_entry_is_404_Not_found()
    {
        var response = await _http.DeleteAsync(Url());

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", response);
    }

    [Fact]
    public async Task The_ack_status_is_false_before_the_delete()
    {
        await PostAsync([1]);

        var response = await _http.GetAsync(Url("/ack"));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.OK, "false", response);
    }

    [Fact]
    public async Task The_ack_status_is_true_after_the_delete()
    {
        await PostAsync([1]);
        await _http.DeleteAsync(Url());

        var response = await _http.GetAsync(Url("/ack"));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.OK, "true", response);
    }

    [Fact]
    public async Task The_ack_status_without_an_entry_is_404_Not_found()
    {
        var response = await _http.GetAsync(Url("/ack"));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", response);
    }

    [Fact]
    public async Task Reading_the_message_does_not_acknowledge_it()
    {
        await PostAsync([1]);
        await _http.GetAsync(Url());

        var response = await _http.GetAsync(Url("/ack"));

        Assert.Equal("false", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_await_after_the_ack_answers_200_at_once()
    {
        await PostAsync([1]);
        await _http.DeleteAsync(Url());

        var response = await _http.GetAsync(Url("/await"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_await_answers_200_once_the_message_is_acknowledged()
    {
        await PostAsync([1]);
        var awaiting = _http.GetAsync(Url("/await"));
        await Probe.StartedAsync(_id, "Await");

        await _http.DeleteAsync(Url());

        Assert.Equal(HttpStatusCode.OK, (await awaiting).StatusCode);
    }

    [Fact]
    public async Task An_await_without_an_entry_is_404_Not_found()
    {
        var response = await _http.GetAsync(Url("/await"));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", response);
    }

    [Fact]
    public async Task An_await_whose_message_a_new_post_replaces_is_404_Not_found()
    {
        await PostAsync([1]);
        var awaiting = _http.GetAsync(Url("/await"));
        await Probe.StartedAsync(_id, "Await");

        await PostAsync([2]);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.NotFound, "Not found", await awaiting);
    }

    [Fact]
    public async Task A_reader_beyond_ten_waiting_on_one_inbox_gets_503()
    {
        for (var i = 0; i < WaitersPerId; i++)
        {
            _ = _http.GetAsync(Url(), _end.Token);
            await Probe.StartedAsync(_id, "Await");
        }

        var refused = await _http.GetAsync(Url());

        await RelayAnswer.AssertTextAsync(HttpStatusCode.ServiceUnavailable, "Too many concurrent requests", refused);
    }

    [Fact]
    public async Task An_await_beyond_ten_waiting_on_one_inbox_gets_503()
    {
        await PostAsync([1]);
        for (var i = 0; i < WaitersPerId; i++)
        {
            _ = _http.GetAsync(Url("/await"), _end.Token);
            await Probe.StartedAsync(_id, "Await");
        }

        var refused = await _http.GetAsync(Url("/await"));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.ServiceUnavailable, "Too many concurrent requests", refused);
    }

    [Fact]
    public async Task A_reader_that_disconnects_gives_up_its_place_among_the_waiters()
    {
        using (var leave = new CancellationTokenSource())
        {
            var leaving = _http.GetAsync(Url(), leave.Token);
            await Probe.StartedAsync(_id, "Await");
            for (var i = 1; i < WaitersPerId; i++)
            {
                _ = _http.GetAsync(Url(), _end.Token);
                await Probe.StartedAsync(_id, "Await");
            }
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        }
        await Probe.FinishedAsync(_id, "Cancel");

        var reader = _http.GetAsync(Url());
        await Probe.StartedAsync(_id, "Await");
        await PostAsync([3]);

        Assert.Equal(HttpStatusCode.OK, (await reader).StatusCode);
    }

    [Fact]
    public async Task A_post_over_2_KiB_is_413()
    {
        var response = await _http.PostAsync(Url(), new ByteArrayContent(new byte[2 * 1024 + 1]));

        await RelayAnswer.AssertTextAsync(HttpStatusCode.RequestEntityTooLarge, "Failed to buffer the request body: length limit exceeded", response);
    }

    [Fact]
    public async Task A_post_of_exactly_2_KiB_is_stored()
    {
        var response = await _http.PostAsync(Url(), new ByteArrayContent(new byte[2 * 1024]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "")]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/ack")]
    [InlineData("GET", "/await")]
    public async Task An_id_over_256_bytes_is_400_Inbox_ID_too_long(string method, string suffix)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Url(suffix, new string('x', 257)))
        {
            Content = method == "POST" ? new ByteArrayContent([1]) : null,
        };

        var response = await _http.SendAsync(request);

        await RelayAnswer.AssertTextAsync(HttpStatusCode.BadRequest, "Inbox ID too long", response);
    }

    [Fact]
    public async Task An_id_of_256_bytes_is_accepted()
    {
        var id = new string('y', 256 - 32) + Guid.NewGuid().ToString("N");

        var response = await _http.PostAsync(Url("", id), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return await _http.PostAsync(Url(), content);
    }

    private Uri Url(string suffix = "", string? id = null) => fixture.Server.Url(fixture.Server.HttpRelayPort, $"/inbox/{id ?? _id}{suffix}");

    public void Dispose()
    {
        _end.Cancel();
        _end.Dispose();
        _http.Dispose();
    }
}
