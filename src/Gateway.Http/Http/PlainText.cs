namespace PubkyCluster.Gateway.Http;

/// <summary>The reference answers errors as <c>text/plain; charset=utf-8</c> with a short message clients match on.</summary>
public static class PlainText
{
    public const string ContentType = "text/plain; charset=utf-8";

    public static IResult Error(int status, string message) => Results.Text(message, ContentType, statusCode: status);

    public static Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        return response.WriteAsync(message);
    }
}
