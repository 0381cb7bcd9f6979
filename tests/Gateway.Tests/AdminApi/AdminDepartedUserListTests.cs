using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pubky.Protocol.Keys;
using PubkyCluster.Gateway.Tests.Support;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>
/// GET /users/departed (issue 14): users whose record points at another homeserver, as the republisher notes them in
/// the user store (arranged here through the store itself), paged like GET /signup_tokens.
/// </summary>
[Collection(HomeserverCollection.Name)]
public sealed class AdminDepartedUserListTests(SharedHomeserver shared) : IDisposable
{
    private static readonly DateTimeOffset FirstSeen = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task A_departed_user_is_listed_with_its_new_homeserver_its_sightings_and_its_usage()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var admin = new AdminClient(server);
        using var elsewhere = Keypair.Random();
        using var user = await TestUser.Create(server).SignedUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/app/file", new byte[10])).StatusCode);
        var store = server.Services.GetRequiredService<IUserStore>();
        await store.RecordDepartureAsync(user.Z32, elsewhere.PublicKey.Z32, FirstSeen);
        await store.RecordDepartureAsync(user.Z32, elsewhere.PublicKey.Z32, FirstSeen.AddHours(4).AddMilliseconds(120));

        var page = await admin.GetJsonAsync("/users/departed");

        var item = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(user.Z32, item["user"]!.GetValue<string>());
        Assert.Equal(elsewhere.PublicKey.Z32, item["homeserver"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:00", item["first_seen"]!.GetValue<string>());
        Assert.Equal("2026-03-01T16:00:00.120", item["last_seen"]!.GetValue<string>());
        Assert.Equal(10 + 256, item["used_bytes"]!.GetValue<long>());
        Assert.Equal(1, item["files"]!.GetValue<long>());
        Assert.Null(page["next_cursor"]);
    }

    [Fact]
    public async Task Paging_with_next_cursor_gives_every_departed_user_once_in_key_order_and_no_one_who_stayed()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var admin = new AdminClient(server);
        using var elsewhere = Keypair.Random();
        var store = server.Services.GetRequiredService<IUserStore>();
        var departed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var user = await TestUser.Create(server).SignedUpAsync();
            await store.RecordDepartureAsync(user.Z32, elsewhere.PublicKey.Z32, FirstSeen);
            departed.Add(user.Z32);
        }
        using var stayed = await TestUser.Create(server).SignedUpAsync();

        var listed = new List<string>();
        var pages = new List<JsonNode>();
        string? cursor = null;
        for (var round = 0; round < 100; round++)
        {
            var page = await admin.GetJsonAsync("/users/departed?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            pages.Add(page);
            listed.AddRange(page["items"]!.AsArray().Select(item => item!["user"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(departed.Order(StringComparer.Ordinal), listed);
        Assert.Equal([2, 1], pages.Select(page => page["items"]!.AsArray().Count));
        Assert.Equal(listed[1], pages[0]["next_cursor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0", "Failed to deserialize query string: limit: invalid value: integer `0`, expected a nonzero u16")]
    [InlineData("limit=ten", "Failed to deserialize query string: limit: invalid digit found in string")]
    [InlineData("limit=65536", "Failed to deserialize query string: limit: number too large to fit in target type")]
    [InlineData("limit=", "Failed to deserialize query string: limit: cannot parse integer from empty string")]
    [InlineData("cursor=not-a-key", "Failed to deserialize query string: cursor: Invalid public key")]
    [InlineData("cursor=pubky" + TestHomeserver.HomeserverZ32, "Failed to deserialize query string: cursor: Invalid public key")]
    public async Task A_bad_query_parameter_is_400_with_a_text_like_the_signup_token_listings(string query, string message)
    {
        var response = await _admin.SendAsync(HttpMethod.Get, $"/users/departed?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _admin.Dispose();
}
