using System.Net;
using System.Security.Cryptography;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The http relay's /link rendezvous and /inbox work when the app and the signer reach different gateways.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HttpRelayTests(LocalCluster cluster)
{
    private static string NewChannel() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task A_link_consumer_waiting_on_gateway_B_receives_what_a_producer_posts_on_gateway_A()
    {
        var channel = NewChannel();
        var message = RandomNumberGenerator.GetBytes(180);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var consumer = cluster.Http.GetAsync(cluster.GatewayB.LinkUrl(channel), deadline.Token);
        await Task.Delay(500);
        using var produced = await cluster.Http.PostAsync(cluster.GatewayA.LinkUrl(channel), new ByteArrayContent(message), deadline.Token);
        using var consumed = await consumer;

        Assert.Equal(HttpStatusCode.OK, produced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, consumed.StatusCode);
        Assert.Equal(message, await consumed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_link_producer_waiting_on_gateway_A_is_delivered_to_a_consumer_arriving_on_gateway_B()
    {
        var channel = NewChannel();
        var message = RandomNumberGenerator.GetBytes(120);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var producer = cluster.Http.PostAsync(cluster.GatewayA.LinkUrl(channel), new ByteArrayContent(message), deadline.Token);
        await Task.Delay(500);
        using var consumed = await cluster.Http.GetAsync(cluster.GatewayB.LinkUrl(channel), deadline.Token);
        using var produced = await producer;

        Assert.Equal(HttpStatusCode.OK, consumed.StatusCode);
        Assert.Equal(message, await consumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, produced.StatusCode);
    }

    [Fact]
    public async Task An_inbox_message_posted_on_gateway_A_is_read_on_B_and_an_ack_on_B_answers_the_await_on_A()
    {
        var id = NewChannel();
        var message = RandomNumberGenerator.GetBytes(200);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var posted = await cluster.Http.PostAsync(cluster.GatewayA.InboxUrl(id), new ByteArrayContent(message), deadline.Token);
        using var read = await cluster.Http.GetAsync(cluster.GatewayB.InboxUrl(id), deadline.Token);
        // Whether the ack lands before or after the await registers, the await answers 200.
        var awaiting = cluster.Http.GetAsync(cluster.GatewayA.InboxUrl(id, "/await"), deadline.Token);
        using var acked = await cluster.Http.DeleteAsync(cluster.GatewayB.InboxUrl(id), deadline.Token);
        using var awaited = await awaiting;

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(message, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, awaited.StatusCode);
    }
}
