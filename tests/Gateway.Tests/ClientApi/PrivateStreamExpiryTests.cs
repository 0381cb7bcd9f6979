using System.Net;
using Pubky.Protocol.Auth.Grants;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Gateway.Tests.Throttling;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>A live private stream opened with a bearer ends when the bearer expires, on the homeserver's clock.</summary>
public sealed class PrivateStreamExpiryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_bearer_stream_ends_when_its_bearer_expires_and_not_before()
    {
        var (server, clock) = await ThrottledHomeserver.StartAsync(new Dictionary<string, string?>());
        await using var owned = server;
        using var user = await TestUser.Create(server).SignedUpAsync();
        await user.PutTextAsync("/priv/p.txt", "p");
        using var app = new GrantClient(server, user);
        await app.ExchangeAsync();
        using var stream = await app.OpenStreamAsync($"user={user.Z32}&path=/priv/&live=true");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Single(await stream.ReadAsync(1, Wait));

        // The jump outlasts the grain's subscriber lease: the stream's keep-alive timer fires, it renews and waits again
        // (its 15 s keep-alive timer), and only then is it woken by a write.
        using var bounded = new CancellationTokenSource(Wait);
        clock.ForgetStartedTimers();
        clock.Advance(BearerToken.Lifetime - TimeSpan.FromSeconds(30));
        await clock.TimerStartedAsync(TimeSpan.FromSeconds(15), bounded.Token);
        await user.PutTextAsync("/priv/before.txt", "b");
        var before = await stream.ReadAsync(1, Wait);
        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal($"pubky://{user.Z32}/priv/before.txt", Assert.Single(before).Data[0]);
        Assert.True(await stream.EndsWithinAsync(Wait), "the bearer's stream was still open after the bearer expired");
    }
}
