using System.Net;
using System.Net.Http.Headers;
using Pubky.Client.Errors;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Http;

/// <summary>The one place requests to a homeserver are built and their error answers turned into <see cref="PubkyRequestException"/>.</summary>
internal sealed class HomeserverHttp(HttpClient http, Homeserver homeserver)
{
    public const string HostHeader = "pubky-host";

    public Homeserver Homeserver { get; } = homeserver;

    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, PublicKey tenant, SessionCookie? cookie = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Homeserver.Url, pathAndQuery));
        request.Headers.TryAddWithoutValidation(HostHeader, tenant.Z32);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie.Header);
        }
        return request;
    }

    /// <summary>Sends and returns a success answer; any other status throws with the server's text. 404 is returned when <paramref name="notFoundIsAnswer"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellation, bool notFoundIsAnswer = false,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            var response = await http.SendAsync(request, completion, cancellation);
            if (response.IsSuccessStatusCode || (notFoundIsAnswer && response.StatusCode == HttpStatusCode.NotFound))
            {
                return response;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellation);
                throw new PubkyRequestException(request.Method, request.RequestUri!.PathAndQuery, response.StatusCode, text);
            }
        }
    }

    public static HttpContent Bytes(ReadOnlyMemory<byte> body, string? contentType = null)
    {
        var content = new ReadOnlyMemoryContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return content;
    }
}
