using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

public sealed class AdminQuotaTests(DefaultQuotaHomeserver fixture) : IClassFixture<DefaultQuotaHomeserver>, IDisposable
{
    private const string UnknownUser = "yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no";

    private readonly AdminClient _admin = new(fixture.Server);

    [Fact]
    public async Task New_user_has_the_default_quota_as_effective_and_no_overrides()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var quota = await _admin.GetJsonAsync($"/users/{user.Z32}/quota");

        Assert.Equal(DefaultQuotaHomeserver.DefaultQuotaMb, quota["effective"]!["storage_quota_mb"]!.GetValue<long>());
        Assert.Null(quota["effective"]!["allowed_write_paths"]);
        Assert.Null(quota["overrides"]!["storage_quota_mb"]);
        Assert.Null(quota["overrides"]!["allowed_write_paths"]);
    }

    [Fact]
    public async Task Patch_with_a_number_overrides_the_storage_quota()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var patched = await PatchAsync(user, "{\"storage_quota_mb\": 5}");

        Assert.Equal(5, patched["overrides"]!["storage_quota_mb"]!.GetValue<long>());
        Assert.Equal(5, patched["effective"]!["storage_quota_mb"]!.GetValue<long>());
        Assert.Equal(patched.ToJsonString(), (await _admin.GetJsonAsync($"/users/{user.Z32}/quota")).ToJsonString());
    }

    [Fact]
    public async Task Patch_with_unlimited_lifts_the_storage_quota()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var patched = await PatchAsync(user, "{\"storage_quota_mb\": \"unlimited\"}");

        Assert.Equal("unlimited", patched["overrides"]!["storage_quota_mb"]!.GetValue<string>());
        Assert.Equal("unlimited", patched["effective"]!["storage_quota_mb"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync("/pub/large.bin", new byte[2 * 1024 * 1024])).StatusCode);
    }

    [Fact]
    public async Task Patch_with_null_resets_the_storage_quota_to_the_default()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();
        await PatchAsync(user, "{\"storage_quota_mb\": 5}");

        var patched = await PatchAsync(user, "{\"storage_quota_mb\": null}");

        Assert.Null(patched["overrides"]!["storage_quota_mb"]);
        Assert.Equal(DefaultQuotaHomeserver.DefaultQuotaMb, patched["effective"]!["storage_quota_mb"]!.GetValue<long>());
    }

    [Fact]
    public async Task Patch_keeps_fields_it_does_not_mention()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();
        await PatchAsync(user, "{\"allowed_write_paths\": [\"/pub/app/\"]}");

        var patched = await PatchAsync(user, "{\"storage_quota_mb\": 3}");

        Assert.Equal(3, patched["overrides"]!["storage_quota_mb"]!.GetValue<long>());
        Assert.Equal("/pub/app/", patched["overrides"]!["allowed_write_paths"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_with_a_zero_quota_is_enforced_on_writes()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        await PatchAsync(user, "{\"storage_quota_mb\": 0}");

        Assert.Equal(HttpStatusCode.InsufficientStorage, (await user.PutTextAsync("/pub/any.txt", "x")).StatusCode);
    }

    [Fact]
    public async Task Patch_with_empty_allowed_write_paths_makes_the_user_read_only()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var patched = await PatchAsync(user, "{\"allowed_write_paths\": []}");

        Assert.Empty(patched["effective"]!["allowed_write_paths"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutTextAsync("/pub/any.txt", "x")).StatusCode);
    }

    [Fact]
    public async Task Patch_with_allowed_write_paths_limits_writes_to_those_prefixes()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        await PatchAsync(user, "{\"allowed_write_paths\": [\"/pub/app/\"]}");

        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/app/ok.txt", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutTextAsync("/pub/other/no.txt", "x")).StatusCode);
    }

    [Fact]
    public async Task Patch_with_null_allowed_write_paths_lifts_the_restriction()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();
        await PatchAsync(user, "{\"allowed_write_paths\": []}");

        var patched = await PatchAsync(user, "{\"allowed_write_paths\": null}");

        Assert.Null(patched["overrides"]!["allowed_write_paths"]);
        Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync("/pub/any.txt", "x")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"storage_quota_mb\": -5}")]
    [InlineData("{\"storage_quota_mb\": \"infinite\"}")]
    [InlineData("{\"allowed_write_paths\": [1]}")]
    [InlineData("{\"allowed_write_paths\": [\"relative/path\"]}")]
    [InlineData("{\"unknown\": true}")]
    [InlineData("{\"rate_read\": 10}")]
    [InlineData("{\"rate_write\": \"0kb/s\"}")]
    [InlineData("{\"rate_write_burst\": 2}")]
    public async Task Patch_with_an_invalid_body_is_422(string body)
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var response = await _admin.SendAsync(HttpMethod.Patch, $"/users/{user.Z32}/quota", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_new_user_without_configured_rates_has_unlimited_effective_rates_and_no_overrides()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var quota = await _admin.GetJsonAsync($"/users/{user.Z32}/quota");

        Assert.Equal("unlimited", quota["effective"]!["rate_read"]!.GetValue<string>());
        Assert.Equal("unlimited", quota["effective"]!["rate_write"]!.GetValue<string>());
        Assert.Null(quota["overrides"]!["rate_read"]);
        Assert.Null(quota["overrides"]!["rate_write"]);
    }

    [Fact]
    public async Task Patch_with_rates_overrides_the_read_and_write_rates()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var patched = await PatchAsync(user, "{\"rate_read\": \"10MB/s\", \"rate_write\": \"200mb/m\"}");

        Assert.Equal("10mb/s", patched["overrides"]!["rate_read"]!.GetValue<string>());
        Assert.Equal("200mb/m", patched["effective"]!["rate_write"]!.GetValue<string>());
        Assert.Equal(patched.ToJsonString(), (await _admin.GetJsonAsync($"/users/{user.Z32}/quota")).ToJsonString());
    }

    [Fact]
    public async Task Patch_with_null_resets_a_rate_to_the_default()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();
        await PatchAsync(user, "{\"rate_write\": \"1kb/s\"}");

        var patched = await PatchAsync(user, "{\"rate_write\": null}");

        Assert.Null(patched["overrides"]!["rate_write"]);
        Assert.Equal("unlimited", patched["effective"]!["rate_write"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_with_a_request_rate_is_422_saying_it_is_not_a_bandwidth()
    {
        using var user = await TestUser.Create(fixture.Server).SignedUpAsync();

        var response = await _admin.SendAsync(HttpMethod.Patch, $"/users/{user.Z32}/quota", "{\"rate_write\": \"10r/s\"}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "Invalid quota: rate_write: '10r/s' is not a bandwidth: r counts requests, not bytes (expected <rate><kb|mb|gb>/<s|m>, e.g. 10mb/s); or \"unlimited\" or null",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Patch_of_an_unknown_user_is_404()
    {
        var response = await _admin.SendAsync(HttpMethod.Patch, $"/users/{UnknownUser}/quota", "{\"storage_quota_mb\": 5}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("User not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_quota_of_an_unknown_user_is_404()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, $"/users/{UnknownUser}/quota");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("User not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_quota_with_an_invalid_key_is_400()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, "/users/not-a-key/quota");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> PatchAsync(TestUser user, string body)
    {
        var response = await _admin.SendAsync(HttpMethod.Patch, $"/users/{user.Z32}/quota", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public void Dispose() => _admin.Dispose();
}
