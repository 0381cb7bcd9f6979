using System.Net;
using System.Text;
using System.Text.Json;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The admin routes the dashboard reads (spec B8) in the Azure profile, asked of the gateway that did not do the writing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminParityTests(LocalCluster cluster)
{
    [Fact]
    public async Task Signup_tokens_made_on_one_gateway_are_listed_unused_on_the_other_page_by_page()
    {
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await cluster.GenerateSignupTokenAsync(cluster.GatewayA));
        }

        var listed = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            var query = "/signup_tokens?state=unused&limit=2" + (cursor is null ? "" : "&cursor=" + cursor);
            using var response = await cluster.Http.SendAsync(cluster.AdminRequest(cluster.GatewayB, HttpMethod.Get, query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, item => Assert.Equal(JsonValueKind.Null, item.GetProperty("used_by").ValueKind));
            listed.AddRange(items.Select(item => item.GetProperty("token").GetString()!));
            if (body.GetProperty("next_cursor").ValueKind == JsonValueKind.Null)
            {
                break;
            }
            cursor = body.GetProperty("next_cursor").GetString();
        }

        Assert.Subset(listed.ToHashSet(), made.ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public async Task A_signup_tokens_listing_with_limit_zero_is_a_400()
    {
        using var response = await cluster.Http.SendAsync(cluster.AdminRequest(cluster.GatewayB, HttpMethod.Get, "/signup_tokens?limit=0"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_event_stream_of_one_gateway_shows_a_private_write_made_through_the_other_and_is_not_stored()
    {
        var user = await ClusterUser.Create(cluster).SignedUpAsync(cluster.GatewayA);
        using (var put = await user.PutAsync(cluster.GatewayA, "/priv/admin.example/secret.txt", Encoding.UTF8.GetBytes("private")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await using var stream = await SseStream.OpenAsync(
            cluster.Http, cluster.AdminRequest(cluster.GatewayB, HttpMethod.Get, $"/events-stream?user={user.Z32}"), deadline.Token);
        var messages = new List<SseMessage>();
        for (var i = 0; i < 100 && await stream.NextAsync(deadline.Token) is { } message; i++)
        {
            messages.Add(message);
        }

        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());
        var written = Assert.Single(messages);
        Assert.Equal("PUT", written.Event);
        Assert.Equal($"pubky://{user.Z32}/priv/admin.example/secret.txt", written.Data[0]);
    }
}
