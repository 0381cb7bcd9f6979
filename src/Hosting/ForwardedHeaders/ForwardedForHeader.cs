using System.Net;
using Microsoft.AspNetCore.Http;

namespace PubkyCluster.Hosting.ForwardedHeaders;

/// <summary>
/// RFC 7239 <c>Forwarded</c> for ASP.NET Core's forwarded-headers middleware, which reads only <c>X-Forwarded-For</c>:
/// from a trusted peer, a request with <c>Forwarded</c> and no <c>X-Forwarded-For</c> gets the <c>for=</c> values, hop
/// by hop, as <c>X-Forwarded-For</c>, and the middleware then applies the same trust rules to both.
/// </summary>
public static class ForwardedForHeader
{
    public const string Forwarded = "Forwarded";

    public const string XForwardedFor = "X-Forwarded-For";

    /// <summary>The <c>for=</c> of every hop in order, <c>unknown</c> for a hop without one (which ends what is believed).</summary>
    public static string Translate(string forwarded)
    {
        var hops = new List<string>();
        foreach (var element in forwarded.Split(','))
        {
            var node = "unknown";
            foreach (var pair in element.Split(';'))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    node = parts[1].Trim('"');
                }
            }
            hops.Add(node);
        }
        return string.Join(", ", hops);
    }

    public static Func<HttpContext, Func<Task>, Task> Step(Func<IPAddress, bool> trusted) => (context, next) =>
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(Forwarded) && !headers.ContainsKey(XForwardedFor)
            && context.Connection.RemoteIpAddress is { } peer && trusted(peer))
        {
            headers[XForwardedFor] = Translate(headers[Forwarded].ToString());
        }
        return next();
    };
}
