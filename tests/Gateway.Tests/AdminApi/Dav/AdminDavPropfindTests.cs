using System.Net;
using System.Xml.Linq;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>PROPFIND at depth 0 and 1 over implicit directories, read page by page (the fixture's pages hold two entries).</summary>
public sealed class AdminDavPropfindTests(DavHomeserver fixture) : IClassFixture<DavHomeserver>, IDisposable
{
    private readonly DavClient _dav = new(fixture.Server);

    private TestHomeserver Server => fixture.Server;

    private static XNamespace Dav => DavClient.Dav;

    private static bool IsCollection(XElement prop) => prop.Element(Dav + "resourcetype")!.Element(Dav + "collection") is not null;

    [Fact]
    public async Task Depth_0_on_a_file_gives_its_length_type_etag_and_dates()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/note.txt", "hello");
        var etag = (await user.GetAsync("/pub/dav/note.txt")).Headers.ETag!.Tag;

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/dav/note.txt", "0");

        var prop = Assert.Single(responses, r => r.Key == $"/dav/{user.Z32}/pub/dav/note.txt").Value;
        Assert.Equal("note.txt", prop.Element(Dav + "displayname")!.Value);
        Assert.Equal("5", prop.Element(Dav + "getcontentlength")!.Value);
        Assert.Equal("text/plain", prop.Element(Dav + "getcontenttype")!.Value);
        Assert.Equal(etag, prop.Element(Dav + "getetag")!.Value);
        Assert.True(DateTimeOffset.TryParse(prop.Element(Dav + "getlastmodified")!.Value, out _));
        Assert.False(IsCollection(prop));
    }

    [Fact]
    public async Task Depth_0_on_a_directory_gives_only_the_collection_itself()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/a.txt", "a");

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/dav/", "0");

        var (href, prop) = Assert.Single(responses);
        Assert.Equal($"/dav/{user.Z32}/pub/dav/", href);
        Assert.True(IsCollection(prop));
        Assert.Equal("dav", prop.Element(Dav + "displayname")!.Value);
    }

    [Fact]
    public async Task A_directory_named_without_its_slash_is_the_collection()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/a.txt", "a");

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/dav", "0");

        Assert.True(IsCollection(Assert.Single(responses).Value));
    }

    [Fact]
    public async Task Depth_1_lists_files_and_subdirectories_once_each()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/a.txt", "a");
        await user.PutTextAsync("/pub/dav/sub/deep.txt", "d");
        await user.PutTextAsync("/pub/dav/sub/deeper.txt", "d");

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/dav/", "1");

        var prefix = $"/dav/{user.Z32}/pub/dav/";
        Assert.Equal([prefix, prefix + "a.txt", prefix + "sub/"], responses.Keys.Order(StringComparer.Ordinal));
        Assert.True(IsCollection(responses[prefix + "sub/"]));
        Assert.Equal("1", responses[prefix + "a.txt"].Element(Dav + "getcontentlength")!.Value);
    }

    [Fact]
    public async Task Depth_1_of_a_directory_larger_than_a_page_lists_every_child()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        var names = new[] { "1.txt", "2.txt", "3/", "4.txt", "5/", "6.txt", "7.txt" };
        foreach (var name in names)
        {
            await user.PutTextAsync("/pub/many/" + (name.EndsWith('/') ? name + "inside.txt" : name), name);
        }

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/many/", "1");

        Assert.True(names.Length > 3 * DavHomeserver.PageSize);
        Assert.Equal(names.Select(n => $"/dav/{user.Z32}/pub/many/{n}").Prepend($"/dav/{user.Z32}/pub/many/"), responses.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_user_root_lists_pub_and_priv_as_they_exist()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/x.txt", "x");
        await user.PutTextAsync("/priv/y.txt", "y");

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/", "1");

        Assert.Equal([$"/dav/{user.Z32}/", $"/dav/{user.Z32}/priv/", $"/dav/{user.Z32}/pub/"], responses.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_root_of_a_user_without_files_is_an_empty_collection()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}", "1");

        Assert.True(IsCollection(Assert.Single(responses).Value));
    }

    [Fact]
    public async Task Names_are_percent_encoded_in_hrefs()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();
        await user.PutTextAsync("/pub/dav/with space & ü.txt", "s");

        var responses = await _dav.PropfindAsync($"/dav/{user.Z32}/pub/dav/", "1");

        var prop = responses[$"/dav/{user.Z32}/pub/dav/with%20space%20%26%20%C3%BC.txt"];
        Assert.Equal("with space & ü.txt", prop.Element(Dav + "displayname")!.Value);
    }

    [Theory]
    [InlineData("infinity")]
    [InlineData(null)]
    public async Task Depth_infinity_or_none_is_403_propfind_finite_depth(string? depth)
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var response = await _dav.SendAsync("PROPFIND", $"/dav/{user.Z32}/", depth: depth);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Dav + "error", error.Name);
        Assert.NotNull(error.Element(Dav + "propfind-finite-depth"));
    }

    [Fact]
    public async Task A_missing_path_is_404_Not_Found()
    {
        using var user = await TestUser.Create(Server).SignedUpAsync();

        using var response = await _dav.SendAsync("PROPFIND", $"/dav/{user.Z32}/pub/nothing/here.txt", depth: "0");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _dav.Dispose();
}
