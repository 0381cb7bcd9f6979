using Microsoft.AspNetCore.Http.Features;

namespace PubkyCluster.Gateway.Http;

/// <summary>The request's path as the client sent it, before percent-decoding (authorization looks at the raw form first).</summary>
public static class RawTarget
{
    public static string Path(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (!target.StartsWith('/') && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
        {
            target = absolute.AbsolutePath;
        }
        var query = target.IndexOf('?');
        return query >= 0 ? target[..query] : target;
    }
}
