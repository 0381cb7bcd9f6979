using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The admin WebDAV over the Azure profile (Table index, Blob bodies), across gateways.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminDavTests(LocalCluster cluster)
{
    private static readonly XNamespace Dav = "DAV:";

    private async Task<HttpResponseMessage> DavAsync(GatewayEndpoints gateway, string method, string path, HttpContent? content = null, string? depth = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), gateway.AdminUrl(path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + LocalCluster.AdminPassword)));
        if (depth is not null)
        {
            request.Headers.Add("Depth", depth);
        }
        return await cluster.Http.SendAsync(request);
    }

    private async Task<List<string>> HrefsAsync(GatewayEndpoints gateway, string path)
    {
        using var response = await DavAsync(gateway, "PROPFIND", path, depth: "1");
        Assert.Equal(207, (int)response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.Descendants(Dav + "href").Select(href => href.Value).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_file_put_through_one_gateways_WebDAV_is_served_listed_and_deleted_through_the_other()
    {
        var a = cluster.GatewayA;
        var b = cluster.GatewayB;
        using var user = await ClusterUser.Create(cluster).SignedUpAsync(a);
        var body = new byte[70_000];
        Random.Shared.NextBytes(body);

        using (var put = await DavAsync(a, "PUT", $"/dav/{user.Z32}/pub/dav.example/a.bin", new ByteArrayContent(body)))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        using (var get = await user.GetAsync(b, "/pub/dav.example/a.bin"))
        {
            Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
        }
        using (var davGet = await DavAsync(b, "GET", $"/dav/{user.Z32}/pub/dav.example/a.bin"))
        {
            Assert.Equal(body, await davGet.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal([$"/dav/{user.Z32}/", $"/dav/{user.Z32}/pub/"], await HrefsAsync(b, $"/dav/{user.Z32}/"));
        Assert.Equal(
            [$"/dav/{user.Z32}/pub/dav.example/", $"/dav/{user.Z32}/pub/dav.example/a.bin"], await HrefsAsync(b, $"/dav/{user.Z32}/pub/dav.example/"));
        using (var delete = await DavAsync(b, "DELETE", $"/dav/{user.Z32}/pub/dav.example/a.bin"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        using var gone = await user.GetAsync(a, "/pub/dav.example/a.bin");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
