using System.Net;
using PubkyCluster.Gateway.AdminApi;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.Bounds;

/// <summary>Wrong admin passwords are bounded per address within a window (defaults: 10 within 5 minutes), then 429 until it passes.</summary>
public sealed class AdminFailureBoundTests(AdminLockoutHomeserver fixture) : IClassFixture<AdminLockoutHomeserver>, IDisposable
{
    private const int DefaultBound = 10;

    private readonly HttpClient _http = LoopbackClient.From(LoopbackClient.FreshAddress());

    private TestHomeserver Server => fixture.Server;

    private async Task<HttpResponseMessage> InfoAsync(string? password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Server.AdminUrl("/info"));
        if (password is not null)
        {
            request.Headers.Add(AdminPasswordFilter.HeaderName, password);
        }
        return await _http.SendAsync(request);
    }

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await InfoAsync("wrong")).StatusCode);
        }
    }

    [Fact]
    public async Task The_right_password_is_accepted()
    {
        var response = await InfoAsync(TestHomeserver.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_eleventh_admin_failure_within_the_window_gets_429()
    {
        await FailAsync(DefaultBound);

        var response = await InfoAsync("wrong");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too many failed admin password attempts", await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_right_password_gets_429_too_while_the_address_is_held_back()
    {
        await FailAsync(DefaultBound);

        var response = await InfoAsync(TestHomeserver.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task The_right_password_is_accepted_again_once_the_window_has_passed()
    {
        await FailAsync(DefaultBound);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await InfoAsync(TestHomeserver.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task A_missing_password_is_not_counted_as_a_failure()
    {
        for (var i = 0; i <= DefaultBound; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await InfoAsync(null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await InfoAsync(TestHomeserver.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_counted_in_metrics()
    {
        await FailAsync(DefaultBound);
        await InfoAsync("wrong");

        var text = await MetricsScrape.UntilAsync(Server, "resource=\"admin_failures\"");

        Assert.Contains("resource_bound_refusals_total{otel_scope_name=\"pubky_homeserver\",resource=\"admin_failures\"}", text);
    }

    public void Dispose() => _http.Dispose();
}
