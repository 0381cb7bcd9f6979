using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>A live /events-stream ends cleanly when its gateway starts shutting down, so the client reconnects elsewhere.</summary>
public sealed class EventsStreamShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_live_stream_ends_once_the_gateway_starts_stopping()
    {
        // A homeserver of its own: the test raises its stopping signal.
        await using var server = await TestHomeserver.StartAsync();
        using var user = await TestUser.Create(server).SignedUpAsync();
        using var http = server.CreateClient();
        using var stream = await SseReader.OpenAsync(http, server.ClientUrl($"/events-stream?user={user.Z32}&live=true"));

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.True(await stream.EndsWithinAsync(Bound), "the live stream was still open after the gateway started stopping");
    }
}
