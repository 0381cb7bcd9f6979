using System.Net;
using Pubky.Client.Errors;
using Pubky.Client.Events;
using Pubky.Client.Sessions;
using Pubky.Client.Storage;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Storage;

public sealed class StorageTests(ClientHomeserver homeserver) : IClassFixture<ClientHomeserver>
{
    private async Task<PubkySession> NewUserAsync()
    {
        using var keypair = Keypair.Random();
        return await homeserver.NewClient().SignupAsync(keypair);
    }

    [Fact]
    public async Task Put_then_get_returns_the_body_with_the_type_the_server_infers_not_the_one_sent()
    {
        var session = await NewUserAsync();

        await session.Storage.PutAsync("/pub/app/data.bin", new byte[] { 1, 2, 3 }, "application/x-test");
        var resource = await session.Storage.GetAsync("/pub/app/data.bin");

        Assert.Equal(new byte[] { 1, 2, 3 }, resource.Body);
        Assert.Equal("application/octet-stream", resource.Stats.ContentType);
        Assert.Equal(3, resource.Stats.ContentLength);
    }

    [Fact]
    public async Task Json_round_trips_through_put_and_get()
    {
        var session = await NewUserAsync();

        await session.Storage.PutJsonAsync("/pub/app/profile.json", new Profile("Satoshi", 17));

        Assert.Equal(new Profile("Satoshi", 17), await session.Storage.GetJsonAsync<Profile>("/pub/app/profile.json"));
        Assert.Equal("application/json", (await session.Storage.StatsAsync("/pub/app/profile.json"))!.ContentType);
    }

    public sealed record Profile(string Name, int Age);

    [Fact]
    public async Task Stats_carry_the_etag_as_the_base64_blake3_hash_and_are_null_for_a_missing_file()
    {
        var session = await NewUserAsync();
        await session.Storage.PutTextAsync("/pub/a.txt", "abc");

        var stats = await session.Storage.StatsAsync("/pub/a.txt");

        Assert.Equal(44, stats!.ContentHash!.Length);
        Assert.NotNull(stats.LastModified);
        Assert.Null(await session.Storage.StatsAsync("/pub/missing.txt"));
        Assert.False(await session.Storage.ExistsAsync("/pub/missing.txt"));
    }

    [Fact]
    public async Task Delete_removes_the_file_and_deleting_it_again_is_a_404()
    {
        var session = await NewUserAsync();
        await session.Storage.PutTextAsync("/pub/gone.txt", "x");

        await session.Storage.DeleteAsync("/pub/gone.txt");
        var refusal = await Assert.ThrowsAsync<PubkyRequestException>(() => session.Storage.DeleteAsync("/pub/gone.txt"));

        Assert.False(await session.Storage.ExistsAsync("/pub/gone.txt"));
        Assert.Equal(HttpStatusCode.NotFound, refusal.Status);
        Assert.Equal("Not Found", refusal.ServerMessage);
    }

    [Fact]
    public async Task Public_storage_reads_public_files_without_a_session_but_not_private_ones()
    {
        var session = await NewUserAsync();
        await session.Storage.PutTextAsync("/pub/open.txt", "public");
        await session.Storage.PutTextAsync("/priv/secret.txt", "private");
        var anonymous = homeserver.NewClient().Public;

        Assert.Equal("public", await anonymous.GetTextAsync(session.User, "/pub/open.txt"));
        Assert.Equal("private", await session.Storage.GetTextAsync("/priv/secret.txt"));
        await Assert.ThrowsAsync<PubkyRequestException>(() => anonymous.GetTextAsync(session.User, "/priv/secret.txt"));
    }

    [Fact]
    public async Task A_path_with_spaces_and_unicode_round_trips()
    {
        var session = await NewUserAsync();

        await session.Storage.PutTextAsync("/pub/my files/été.txt", "summer");

        Assert.Equal("summer", await session.Storage.GetTextAsync("/pub/my files/été.txt"));
        Assert.Equal("/pub/my files/été.txt", PubkyUrl.Parse(Assert.Single(await session.Storage.ListAsync("/pub/my files/"))).Path);
    }

    [Fact]
    public async Task A_listing_is_deep_by_default_shallow_on_request_and_reversible()
    {
        var session = await NewUserAsync();
        foreach (var path in new[] { "/pub/l/a.txt", "/pub/l/b/c.txt", "/pub/l/d.txt" })
        {
            await session.Storage.PutTextAsync(path, path);
        }
        var root = PubkyUrlPrefix(session);

        Assert.Equal([root + "/pub/l/a.txt", root + "/pub/l/b/c.txt", root + "/pub/l/d.txt"], await session.Storage.ListAsync("/pub/l/"));
        Assert.Equal([root + "/pub/l/a.txt", root + "/pub/l/b/", root + "/pub/l/d.txt"], await session.Storage.ListAsync("/pub/l/", new ListOptions(Shallow: true)));
        Assert.Equal([root + "/pub/l/d.txt", root + "/pub/l/b/c.txt"], await session.Storage.ListAsync("/pub/l/", new ListOptions(Limit: 2, Reverse: true)));
    }

    [Fact]
    public async Task A_cursor_continues_a_listing_after_the_last_entry_of_the_page()
    {
        var session = await NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await session.Storage.PutTextAsync($"/pub/p/{i}.txt", "x");
        }

        var first = await session.Storage.ListAsync("/pub/p/", new ListOptions(Limit: 2));
        var second = await session.Storage.ListAsync("/pub/p/", new ListOptions(Limit: 2, Cursor: first[^1]));
        var all = new List<string>();
        await foreach (var url in session.Storage.ListAllAsync("/pub/p/", pageSize: 2))
        {
            all.Add(url);
        }

        Assert.EndsWith("/pub/p/2.txt", second[0], StringComparison.Ordinal);
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task Listing_a_directory_without_entries_is_empty()
    {
        var session = await NewUserAsync();

        Assert.Empty(await session.Storage.ListAsync("/pub/nothing/"));
    }

    [Fact]
    public async Task A_directory_listing_path_must_end_with_a_slash()
    {
        var session = await NewUserAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => session.Storage.ListAsync("/pub/nothing"));
    }

    private static string PubkyUrlPrefix(PubkySession session) => "pubky://" + session.User.Z32;
}
