using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PubkyCluster.Gateway.Tests.Support;

namespace PubkyCluster.Gateway.Tests.AdminApi;

/// <summary>Sends admin API requests with the test server's admin password.</summary>
public sealed class AdminClient(TestHomeserver server) : IDisposable
{
    private readonly HttpClient _http = server.CreateClient();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? password = TestHomeserver.AdminPassword)
    {
        var request = new HttpRequestMessage(method, server.AdminUrl(path))
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (password is not null)
        {
            request.Headers.Add("X-Admin-Password", password);
        }
        return _http.SendAsync(request);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public void Dispose() => _http.Dispose();
}
