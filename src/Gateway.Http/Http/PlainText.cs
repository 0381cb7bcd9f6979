using System.Text;

namespace PubkyCluster.Gateway.Http;

/// <summary>The reference answers errors as <c>text/plain; charset=utf-8</c> with a short message clients match on.</summary>
public static class PlainText
{
    public const string ContentType = "text/plain; charset=utf-8";

    public static IResult Error(int status, string message) => Results.Text(message, ContentType, statusCode: status);

    /// <summary>
    /// A 200 answer written as UTF-8 chunk by chunk: a page of 1,000 events is some 90,000 characters, which as one
    /// string and then one byte array would be two large-object allocations per page.
    /// </summary>
    public static IResult Ok(StringBuilder text) => new ChunkedText(text);

    public static Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        return response.WriteAsync(message);
    }

    private sealed class ChunkedText(StringBuilder text) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.ContentType = ContentType;
            long length = 0;
            foreach (var chunk in text.GetChunks())
            {
                length += Encoding.UTF8.GetByteCount(chunk.Span);
            }
            response.ContentLength = length;
            foreach (var chunk in text.GetChunks())
            {
                Encoding.UTF8.GetBytes(chunk.Span, response.BodyWriter);
            }
            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
    }
}
