using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.RateLimiting;

/// <summary>
/// Each rule form trips exactly at its bound and recovers after its window, on a fake clock. An admitted request gets
/// its ordinary answer (a 404 for the paths no route serves); a refused one 429 "Rate limit exceeded" with Retry-After.
/// </summary>
public sealed class RateLimitRuleFormTests(RateLimitedHomeserver fixture) : IClassFixture<RateLimitedHomeserver>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();

    [Fact]
    public async Task A_rule_admits_exactly_its_quota_then_refuses()
    {
        Assert.Equal("...x", await RefusedAsync(HttpMethod.Get, "/plain", 4));
    }

    [Fact]
    public async Task A_refusal_says_rate_limit_exceeded_and_when_to_retry()
    {
        await RefusedAsync(HttpMethod.Get, "/refused", 3);

        var refused = await _http.GetAsync(fixture.Server.ClientUrl("/refused"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Rate limit exceeded", await refused.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_rule_admits_its_quota_again_after_its_window()
    {
        await RefusedAsync(HttpMethod.Get, "/recovers", 4);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("...x", await RefusedAsync(HttpMethod.Get, "/recovers", 4));
    }

    [Fact]
    public async Task A_star_glob_counts_every_segment_value_in_one_bucket_but_not_deeper_paths()
    {
        Assert.Equal("..x", await RefusedAsync(HttpMethod.Get, "/glob/a/x", 1) + await RefusedAsync(HttpMethod.Get, "/glob/b/x", 2));
        Assert.Equal("...", await RefusedAsync(HttpMethod.Get, "/glob/a/b/x", 3));
    }

    [Fact]
    public async Task A_double_star_glob_counts_paths_at_any_depth()
    {
        Assert.Equal("..x", await RefusedAsync(HttpMethod.Get, "/deep/a", 1) + await RefusedAsync(HttpMethod.Get, "/deep/a/b/c", 2));
    }

    [Fact]
    public async Task A_rule_counts_only_its_method()
    {
        Assert.DoesNotContain('x', await RefusedAsync(HttpMethod.Get, "/method", 5));
        Assert.Equal(".x", await RefusedAsync(HttpMethod.Put, "/method", 2));
    }

    [Fact]
    public async Task A_burst_admits_that_many_at_once_then_one_per_interval()
    {
        Assert.Equal("...x", await RefusedAsync(HttpMethod.Get, "/burst", 4));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(".x", await RefusedAsync(HttpMethod.Get, "/burst", 2));
    }

    [Fact]
    public async Task A_user_rule_counts_each_signed_in_user_apart_and_anonymous_requests_by_address()
    {
        using var alice = await TestUser.Create(fixture.Server).SignedUpAsync();
        using var bob = await TestUser.Create(fixture.Server).SignedUpAsync();

        Assert.Equal("..x", await UserRefusedAsync(alice, "/session", 3));
        Assert.Equal("..x", await UserRefusedAsync(bob, "/session", 3));
        Assert.Equal("..x", await RefusedAsync(HttpMethod.Get, "/session", 3));
    }

    [Fact]
    public async Task A_whitelisted_address_is_never_counted()
    {
        Assert.DoesNotContain('x', await RefusedAsync(HttpMethod.Get, "/exempt", 5));
    }

    [Fact]
    public async Task A_whitelisted_user_is_never_counted_while_others_are()
    {
        using var exempt = await new TestUser(fixture.Server, RateLimitedHomeserver.ExemptUser()).SignedUpAsync();
        using var other = await TestUser.Create(fixture.Server).SignedUpAsync();

        Assert.DoesNotContain('x', await UserRefusedAsync(exempt, "/pub/exempt/a", 5));
        Assert.Equal(".x", await UserRefusedAsync(other, "/pub/exempt/a", 2));
    }

    [Fact]
    public async Task A_refused_write_changes_nothing()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/once/file", "first")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await user.PutTextAsync("/pub/once/file", "second")).StatusCode);

        Assert.Equal("first", await (await user.GetAsync("/pub/once/file")).Content.ReadAsStringAsync());
    }

    private async Task<string> RefusedAsync(HttpMethod method, string path, int count)
    {
        var refused = new char[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(method, fixture.Server.ClientUrl(path));
            refused[i] = Mark(await _http.SendAsync(request));
        }
        return new string(refused);
    }

    private static async Task<string> UserRefusedAsync(TestUser user, string path, int count)
    {
        var refused = new char[count];
        for (var i = 0; i < count; i++)
        {
            refused[i] = Mark(await user.GetAsync(path));
        }
        return new string(refused);
    }

    /// <summary>'.' for an admitted request, 'x' for a refused one: "...x" is three admitted, then a refusal.</summary>
    private static char Mark(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.TooManyRequests ? 'x' : '.';

    public void Dispose() => _http.Dispose();
}
