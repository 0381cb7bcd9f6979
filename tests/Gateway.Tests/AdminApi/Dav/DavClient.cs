using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi.Dav;

/// <summary>Sends admin WebDAV requests with HTTP Basic <c>admin:&lt;password&gt;</c>, from a loopback address of its own.</summary>
public sealed class DavClient(TestHomeserver server, string? credential = "admin:" + TestHomeserver.AdminPassword) : IDisposable
{
    public static readonly XNamespace Dav = "DAV:";

    private readonly HttpClient _http = LoopbackClient.From(LoopbackClient.FreshAddress());

    public Task<HttpResponseMessage> SendAsync(string method, string path, HttpContent? content = null, string? depth = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), server.AdminUrl(path)) { Content = content };
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
        }
        if (depth is not null)
        {
            request.Headers.Add("Depth", depth);
        }
        return _http.SendAsync(request);
    }

    /// <summary>A PROPFIND that must answer 207; the multistatus's responses by href.</summary>
    public async Task<Dictionary<string, XElement>> PropfindAsync(string path, string depth)
    {
        using var response = await SendAsync("PROPFIND", path, depth: depth);
        Assert.Equal(207, (int)response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.Root!.Elements(Dav + "response").ToDictionary(r => r.Element(Dav + "href")!.Value, r => r.Descendants(Dav + "prop").Single());
    }

    public void Dispose() => _http.Dispose();
}
