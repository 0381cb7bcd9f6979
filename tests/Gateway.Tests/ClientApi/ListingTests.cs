using System.Net;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.ClientApi;

[Collection(HomeserverCollection.Name)]
public class ListingTests(SharedHomeserver shared)
{
    private TestHomeserver Server => shared.Server;

    private async Task<TestUser> UserWith(params string[] paths)
    {
        var user = await TestUser.Create(Server).SignedUpAsync();
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.Created, (await user.PutTextAsync(path, path)).StatusCode);
        }
        return user;
    }

    private static async Task<string[]> Lines(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(body.EndsWith('\n'), "no trailing newline");
        return body.Length == 0 ? [] : body.Split('\n');
    }

    private static string[] Uris(TestUser user, params string[] paths) => [.. paths.Select(p => $"pubky://{user.Z32}{p}")];

    [Fact]
    public async Task A_deep_listing_has_every_file_under_the_directory_in_byte_order()
    {
        using var user = await UserWith("/pub/example.com/a.txt", "/pub/example.com/b.txt", "/pub/example.com/cc-nested/z.txt",
            "/pub/example.com/c.txt", "/pub/example.com/d.txt", "/pub/example.xyz/d.txt", "/pub/example.comx", "/pub/a.txt");
        var lines = await Lines(await user.GetAsync("/pub/example.com/"));
        Assert.Equal(Uris(user, "/pub/example.com/a.txt", "/pub/example.com/b.txt", "/pub/example.com/c.txt",
            "/pub/example.com/cc-nested/z.txt", "/pub/example.com/d.txt"), lines);
    }

    [Fact]
    public async Task Limit_and_an_exclusive_cursor_page_the_listing()
    {
        using var user = await UserWith("/pub/p/a.txt", "/pub/p/b.txt", "/pub/p/c.txt");
        Assert.Equal(Uris(user, "/pub/p/a.txt", "/pub/p/b.txt"), await Lines(await user.GetAsync("/pub/p/?limit=2")));
        Assert.Equal(Uris(user, "/pub/p/b.txt", "/pub/p/c.txt"),
            await Lines(await user.GetAsync($"/pub/p/?cursor={Uri.EscapeDataString(user.Z32 + "/pub/p/a.txt")}")));
        Assert.Equal(Uris(user, "/pub/p/c.txt"),
            await Lines(await user.GetAsync($"/pub/p/?cursor={Uri.EscapeDataString($"pubky://{user.Z32}/pub/p/b.txt")}")));
    }

    [Fact]
    public async Task Reverse_lists_backwards_and_bare_flags_mean_true()
    {
        using var user = await UserWith("/pub/r/a", "/pub/r/b", "/pub/r/c");
        Assert.Equal(Uris(user, "/pub/r/c", "/pub/r/b"), await Lines(await user.GetAsync("/pub/r/?reverse&limit=2")));
    }

    [Fact]
    public async Task A_shallow_listing_has_immediate_children_with_directories_ending_in_slash()
    {
        using var user = await UserWith("/pub/a.com/a.txt", "/pub/example.com/a.txt", "/pub/example.com/b/c.txt",
            "/pub/example.con-file", "/pub/file", "/pub/file2", "/pub/z.com/a.txt");
        Assert.Equal(Uris(user, "/pub/a.com/", "/pub/example.com/", "/pub/example.con-file", "/pub/file", "/pub/file2", "/pub/z.com/"),
            await Lines(await user.GetAsync("/pub/?shallow=true")));
    }

    [Fact]
    public async Task A_directory_cursor_and_a_cursor_inside_it_give_the_same_next_shallow_page()
    {
        using var user = await UserWith("/pub/a.com/a.txt", "/pub/example.com/a.txt", "/pub/file", "/pub/z.com/a.txt");
        var afterDirectory = await Lines(await user.GetAsync($"/pub/?shallow&limit=2&cursor={Uri.EscapeDataString(user.Z32 + "/pub/example.com/")}"));
        var afterFile = await Lines(await user.GetAsync($"/pub/?shallow&limit=2&cursor={Uri.EscapeDataString(user.Z32 + "/pub/example.com/a.txt")}"));
        Assert.Equal(Uris(user, "/pub/file", "/pub/z.com/"), afterDirectory);
        Assert.Equal(afterDirectory, afterFile);
    }

    [Fact]
    public async Task An_empty_or_missing_directory_is_directory_not_found()
    {
        using var user = await UserWith("/pub/x/a");
        var response = await user.GetAsync("/pub/nothing/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Directory Not Found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cursor_past_the_end_is_an_empty_page()
    {
        using var user = await UserWith("/pub/e/a");
        Assert.Empty(await Lines(await user.GetAsync($"/pub/e/?cursor={Uri.EscapeDataString(user.Z32 + "/pub/e/z")}")));
    }

    [Fact]
    public async Task Limit_zero_is_an_empty_page()
    {
        using var user = await UserWith("/pub/l/a");
        Assert.Empty(await Lines(await user.GetAsync("/pub/l/?limit=0")));
    }

    [Theory]
    [InlineData("/pub/?reverse=maybe", "Invalid boolean parameter")]
    [InlineData("/pub/?shallow=2", "Invalid boolean parameter")]
    [InlineData("/pub/?cursor=/pub/a.txt", "Invalid cursor")]
    [InlineData("/pub/?cursor=notakey/pub/a.txt", "Invalid cursor")]
    public async Task Bad_listing_parameters_are_400(string query, string message)
    {
        using var user = await UserWith("/pub/a.txt");
        var response = await user.GetAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Underscore_in_a_directory_name_is_literal()
    {
        using var user = await UserWith("/pub/my_folder/a", "/pub/myxfolder/b");
        Assert.Equal(Uris(user, "/pub/my_folder/a"), await Lines(await user.GetAsync("/pub/my_folder/")));
    }
}
