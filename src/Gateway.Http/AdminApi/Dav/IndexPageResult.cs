using System.Text.Encodings.Web;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.AdminApi.Dav;

/// <summary>
/// GET of a collection: an HTML index of its children, as the reference's dav-server gives with <c>autoindex</c>
/// (pubky-homeserver/src/admin_server/app_state.rs), streamed page by page like the PROPFIND answer.
/// </summary>
public sealed class IndexPageResult(DavTarget target, string directory, IAsyncEnumerable<IReadOnlyList<ListedEntry>> children) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        var html = HtmlEncoder.Default;
        var title = html.Encode($"Index of {target.User.Z32}{directory}");
        await response.WriteAsync($"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><ul>\n");
        await foreach (var page in children.WithCancellation(httpContext.RequestAborted))
        {
            foreach (var child in page)
            {
                var name = child.Path[directory.Length..];
                await response.WriteAsync($"<li><a href=\"{html.Encode(target.Href(child.Path))}\">{html.Encode(name)}</a></li>\n");
            }
            await response.Body.FlushAsync(httpContext.RequestAborted);
        }
        await response.WriteAsync("</ul></body></html>\n");
    }
}
