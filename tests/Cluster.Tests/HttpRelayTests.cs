using System.Net;
using System.Security.Cryptography;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The http relay's /link rendezvous works when the app and the signer reach different gateways.</summary>
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
}
