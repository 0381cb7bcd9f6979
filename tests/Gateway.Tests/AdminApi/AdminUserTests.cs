using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

[Collection(HomeserverCollection.Name)]
public sealed class AdminUserTests(SharedHomeserver shared) : IDisposable
{
    private const string UnknownUser = "yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no";

    private readonly AdminClient _admin = new(shared.Server);

    [Fact]
    public async Task Disable_answers_Ok_and_lists_the_user_as_disabled()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();

        var response = await _admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ok", await response.Content.ReadAsStringAsync());
        Assert.Contains(user.Z32, await DisabledUsersAsync());
    }

    [Fact]
    public async Task Disabled_user_cannot_write()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();

        await _admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable");

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutTextAsync("/pub/after-disable.txt", "x")).StatusCode);
    }

    [Fact]
    public async Task Enable_answers_Ok_and_removes_the_user_from_the_disabled_list()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await _admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/disable");

        var response = await _admin.SendAsync(HttpMethod.Post, $"/users/{user.Z32}/enable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ok", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(user.Z32, await DisabledUsersAsync());
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    public async Task Disable_or_enable_of_an_unknown_user_is_404_User_not_found(string action)
    {
        var response = await _admin.SendAsync(HttpMethod.Post, $"/users/{UnknownUser}/{action}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("User not found", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("pubky" + UnknownUser)]
    public async Task Disable_with_an_invalid_or_pubky_prefixed_key_is_400(string key)
    {
        var response = await _admin.SendAsync(HttpMethod.Post, $"/users/{key}/disable");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid public key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Usage_counts_bytes_with_overhead_files_and_last_write()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();
        await user.PutAsync("/pub/usage/a.bin", new byte[100]);
        await user.PutAsync("/pub/usage/b.bin", new byte[20]);

        var usage = await _admin.GetJsonAsync($"/users/{user.Z32}/usage");

        Assert.Equal(100 + 20 + 2 * 256, usage["used_bytes"]!.GetValue<long>());
        Assert.Equal(2, usage["files"]!.GetValue<long>());
        var lastWrite = DateTimeOffset.Parse(usage["last_write"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lastWrite, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Usage_of_a_user_who_never_wrote_has_null_last_write()
    {
        using var user = await TestUser.Create(shared.Server).SignedUpAsync();

        var usage = await _admin.GetJsonAsync($"/users/{user.Z32}/usage");

        Assert.Equal(0, usage["files"]!.GetValue<long>());
        Assert.Null(usage["last_write"]);
    }

    [Fact]
    public async Task Usage_of_an_unknown_user_is_404()
    {
        var response = await _admin.SendAsync(HttpMethod.Get, $"/users/{UnknownUser}/usage");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("User not found", await response.Content.ReadAsStringAsync());
    }

    private async Task<string[]> DisabledUsersAsync() =>
        [.. (await _admin.GetJsonAsync("/users/disabled")).AsArray().Select(n => n!.GetValue<string>())];

    public void Dispose() => _admin.Dispose();
}
