using System.Net;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Gateway.Tests.Throttling;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>Limits:MaxGrantsPerUser bounds the grants (and so the bearers) one user's grain keeps.</summary>
public sealed class GrantBoundTests
{
    private const string TooMany = "Too many grants for this user: revoked ones count until they expire";

    private static Task<(TestHomeserver Server, WatchedTime Clock)> StartWithBoundOfTwo() =>
        ThrottledHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:MaxGrantsPerUser"] = "2" });

    [Fact]
    public async Task A_new_grant_beyond_the_bound_is_403_and_a_kept_grant_still_exchanges()
    {
        var (server, _) = await StartWithBoundOfTwo();
        await using var owned = server;
        using var user = await TestUser.Create(server).SignedUpAsync();
        using var first = new GrantClient(server, user);
        using var second = new GrantClient(server, user);
        using var third = new GrantClient(server, user);
        await first.ExchangeAsync();
        await second.ExchangeAsync();

        var refused = await third.ExchangeAsync();
        var again = await first.ExchangeAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(TooMany, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_revoked_grant_keeps_its_place_until_it_expires_then_the_place_is_free()
    {
        var (server, clock) = await StartWithBoundOfTwo();
        await using var owned = server;
        using var user = await TestUser.Create(server).SignedUpAsync();
        using var lasting = new GrantClient(server, user);
        using var brief = new GrantClient(server, user, lifetimeSeconds: 3600);
        using var later = new GrantClient(server, user);
        await lasting.ExchangeAsync();
        await brief.ExchangeAsync();
        await brief.SendAsync(HttpMethod.Delete, "/auth/grant/session");

        var whileRevokedIsKept = await later.ExchangeAsync();
        clock.Advance(TimeSpan.FromSeconds(3601));
        var afterItExpired = await later.ExchangeAsync();

        Assert.Equal(HttpStatusCode.Forbidden, whileRevokedIsKept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterItExpired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lasting.ExchangeAsync()).StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_grant_bound_outside_1_to_10000_stops_the_start_naming_the_key(int bound)
    {
        var result = new LimitsOptionsValidator().Validate(null, new LimitsOptions { MaxGrantsPerUser = bound });

        Assert.Equal("Limits:MaxGrantsPerUser must be between 1 and 10000.", result.FailureMessage);
    }
}
