using System.Globalization;
using System.Text;
using System.Xml;
using Pubky.Protocol.Hashing;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// A PROPFIND's 207 multistatus (RFC 4918 §9.1): the resource itself, then its children page by page, each page
/// written and flushed as it arrives. Every resource answers the same live properties whatever the request body asked
/// (what dav-server's <c>allprop</c> gives, the properties a file browser reads); directories, being implicit, have no
/// length, type, ETag or dates.
/// </summary>
public sealed class MultistatusResult(DavTarget target, ListedEntry self, IAsyncEnumerable<IReadOnlyList<ListedEntry>>? children) : IResult
{
    private const string Dav = "DAV:";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status207MultiStatus;
        response.ContentType = "application/xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(response.Body, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync("D", "multistatus", Dav);
        await WriteResponseAsync(xml, self);
        await xml.FlushAsync();
        if (children is not null)
        {
            await foreach (var page in children.WithCancellation(httpContext.RequestAborted))
            {
                foreach (var child in page)
                {
                    await WriteResponseAsync(xml, child);
                }
                await xml.FlushAsync();
            }
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private async Task WriteResponseAsync(XmlWriter xml, ListedEntry resource)
    {
        await xml.WriteStartElementAsync("D", "response", Dav);
        await xml.WriteElementStringAsync("D", "href", Dav, target.Href(resource.Path));
        await xml.WriteStartElementAsync("D", "propstat", Dav);
        await xml.WriteStartElementAsync("D", "prop", Dav);
        await xml.WriteElementStringAsync("D", "displayname", Dav, DisplayName(resource.Path));
        await xml.WriteStartElementAsync("D", "resourcetype", Dav);
        if (resource.Entry is null)
        {
            await xml.WriteStartElementAsync("D", "collection", Dav);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        if (resource.Entry is { } entry)
        {
            await xml.WriteElementStringAsync("D", "getcontentlength", Dav, entry.ContentLength.ToString(CultureInfo.InvariantCulture));
            await xml.WriteElementStringAsync("D", "getcontenttype", Dav, entry.ContentType);
            await xml.WriteElementStringAsync("D", "getetag", Dav, ContentHash.FromBytes(entry.ContentHash).ToETag());
            await xml.WriteElementStringAsync("D", "getlastmodified", Dav, entry.ModifiedAt.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
            await xml.WriteElementStringAsync("D", "creationdate", Dav, entry.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync("D", "status", Dav, "HTTP/1.1 200 OK");
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    /// <summary>The last segment; the user's root is named by the user's key.</summary>
    private string DisplayName(string path) =>
        path.TrimEnd('/') is var trimmed && trimmed.Length == 0 ? target.User.Z32 : trimmed[(trimmed.LastIndexOf('/') + 1)..];
}
