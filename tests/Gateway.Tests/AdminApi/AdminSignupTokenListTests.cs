using System.Net;
using System.Text.Json.Nodes;
using PubkyCluster.Gateway.AdminApi;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>GET /signup_tokens, the admin listing of pubky-core main's openapi-admin.yml.</summary>
[Collection(HomeserverCollection.Name)]
public sealed class AdminSignupTokenListTests(SharedHomeserver shared) : IDisposable
{
    /// <summary>A chrono NaiveDateTime as serde writes it: UTC without an offset, the fraction in groups of three.</summary>
    private const string NaiveDateTime = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6})?$";

    private static readonly Dictionary<string, string?> TokenRequired = new() { ["Signup:Mode"] = "TokenRequired" };

    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Paging_with_next_cursor_gives_every_token_once_in_token_order()
    {
        var created = await GenerateAsync(_admin, 5);
        var listed = new List<string>();
        string? cursor = null;

        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await _admin.GetJsonAsync("/signup_tokens?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 0, 2);
            listed.AddRange(items.Select(item => item!["token"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Null(cursor);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal(listed.Distinct(), listed);
        Assert.Subset(listed.ToHashSet(), created.ToHashSet());
    }

    [Fact]
    public async Task A_page_that_is_not_the_last_names_its_last_token_as_next_cursor()
    {
        await GenerateAsync(_admin, 2);

        var page = await _admin.GetJsonAsync("/signup_tokens?limit=1");

        Assert.Equal(page["items"]![0]!["token"]!.GetValue<string>(), page["next_cursor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_listing_past_its_last_page_has_no_next_cursor()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var admin = new AdminClient(server);
        await GenerateAsync(admin, 2);

        var page = await admin.GetJsonAsync("/signup_tokens?limit=2");

        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Null(page["next_cursor"]);
    }

    [Fact]
    public async Task A_fresh_token_lists_with_its_creation_time_and_no_use()
    {
        await using var server = await TestHomeserver.StartAsync();
        using var admin = new AdminClient(server);
        var token = (await GenerateAsync(admin, 1))[0];

        var item = (await admin.GetJsonAsync("/signup_tokens"))["items"]![0]!;

        Assert.Equal(token, item["token"]!.GetValue<string>());
        Assert.Matches(NaiveDateTime, item["created_at"]!.GetValue<string>());
        Assert.Null(item["used_at"]);
        Assert.Null(item["used_by"]);
    }

    [Fact]
    public async Task A_token_used_by_a_signup_lists_its_user_and_time_of_use()
    {
        await using var server = await TestHomeserver.StartAsync(TokenRequired);
        using var admin = new AdminClient(server);
        var token = (await GenerateAsync(admin, 1))[0];
        using var user = TestUser.Create(server);
        Assert.Equal(HttpStatusCode.OK, (await user.SignUpAsync(signupToken: token)).StatusCode);

        var item = (await admin.GetJsonAsync("/signup_tokens"))["items"]![0]!;

        Assert.Equal(user.Z32, item["used_by"]!.GetValue<string>());
        Assert.Matches(NaiveDateTime, item["used_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_state_filter_splits_used_tokens_from_unused_ones()
    {
        await using var server = await TestHomeserver.StartAsync(TokenRequired);
        using var admin = new AdminClient(server);
        var tokens = await GenerateAsync(admin, 3);
        using var user = TestUser.Create(server);
        Assert.Equal(HttpStatusCode.OK, (await user.SignUpAsync(signupToken: tokens[1])).StatusCode);

        Assert.Equal([tokens[1]], Tokens(await admin.GetJsonAsync("/signup_tokens?state=used")));
        Assert.Equal(tokens.Where(t => t != tokens[1]).Order(StringComparer.Ordinal), Tokens(await admin.GetJsonAsync("/signup_tokens?state=unused")));
        Assert.Equal(tokens.Order(StringComparer.Ordinal), Tokens(await admin.GetJsonAsync("/signup_tokens?state=all")));
    }

    [Theory]
    [InlineData("limit=0", "Failed to deserialize query string: limit: invalid value: integer `0`, expected a nonzero u16")]
    [InlineData("limit=ten", "Failed to deserialize query string: limit: invalid digit found in string")]
    [InlineData("limit=-1", "Failed to deserialize query string: limit: invalid digit found in string")]
    [InlineData("limit=65536", "Failed to deserialize query string: limit: number too large to fit in target type")]
    [InlineData("limit=", "Failed to deserialize query string: limit: cannot parse integer from empty string")]
    [InlineData("state=spent", "Failed to deserialize query string: state: unknown variant `spent`, expected one of `all`, `used`, `unused`")]
    [InlineData("cursor=not-a-token", "Failed to deserialize query string: cursor: Invalid signup code id")]
    public async Task A_bad_query_parameter_is_400_with_the_references_rejection_text(string query, string message)
    {
        var response = await _admin.SendAsync(HttpMethod.Get, $"/signup_tokens?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(0, "2026-01-02T03:04:05")]
    [InlineData(120_000, "2026-01-02T03:04:05.120")]
    [InlineData(123_456, "2026-01-02T03:04:05.123456")]
    public void Times_are_written_as_the_references_naive_utc_datetimes(int micros, string expected)
    {
        var at = new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)).AddTicks(micros * TimeSpan.TicksPerMicrosecond);

        Assert.Equal(expected, AdminJson.NaiveUtc(at));
    }

    public void Dispose() => _admin.Dispose();

    private static async Task<List<string>> GenerateAsync(AdminClient admin, int count)
    {
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await admin.SendAsync(HttpMethod.Get, "/generate_signup_token");
            tokens.Add(await response.Content.ReadAsStringAsync());
        }

        return tokens;
    }

    private static IEnumerable<string> Tokens(JsonNode page) =>
        page["items"]!.AsArray().Select(item => item!["token"]!.GetValue<string>());
}
