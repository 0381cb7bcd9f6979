using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>A session dropped past Limits:MaxSessionsPerUser ends the private stream it opened, like a signout.</summary>
public sealed class PrivateStreamPruningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_private_stream_ends_when_a_newer_signin_prunes_its_session()
    {
        await using var server = await TestHomeserver.StartAsync(new Dictionary<string, string?> { ["Limits:MaxSessionsPerUser"] = "1" });
        using var user = await TestUser.Create(server).SignedUpAsync();
        await user.PutTextAsync("/priv/p.txt", "p");
        using var http = server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, server.ClientUrl($"/events-stream?user={user.Z32}&path=/priv/&live=true"));
        request.Headers.Add("Cookie", $"{user.Z32}={user.SessionSecret}");
        using var stream = new SseReader(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        Assert.Single(await stream.ReadAsync(1, Wait));

        Assert.Equal(HttpStatusCode.OK, (await user.SignInAsync()).StatusCode);

        Assert.True(await stream.EndsWithinAsync(Wait), "the private stream was still open after its session was pruned");
    }
}
