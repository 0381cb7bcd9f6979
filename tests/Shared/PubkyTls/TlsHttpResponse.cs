namespace PubkyCluster.Tests.PubkyTls;

/// <summary>
/// An HTTP/1.1 response read from gnutls-cli's output (bytes as Latin-1 characters): the body by Content-Length; a
/// response without one (a stream) is returned at its headers, with an empty body.
/// </summary>
public sealed record TlsHttpResponse(int Status, IReadOnlyList<string> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.Where(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[(name.Length + 1)..].Trim())
            .FirstOrDefault();

    /// <summary>The first response that starts at or after <paramref name="from"/>, once it is complete; null before.</summary>
    public static TlsHttpResponse? TryParse(string text, int from)
    {
        var start = text.IndexOf("HTTP/1.1 ", from, StringComparison.Ordinal);
        var headersEnd = start < 0 ? -1 : text.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
        if (headersEnd < 0)
        {
            return null;
        }
        var lines = text[start..headersEnd].Split("\r\n");
        var headers = lines[1..];
        var response = new TlsHttpResponse(int.Parse(lines[0].AsSpan(9, 3)), headers, "");
        var length = int.Parse(response.Header("Content-Length") ?? "0");
        var bodyStart = headersEnd + 4;
        return text.Length - bodyStart < length ? null : response with { Body = text.Substring(bodyStart, length) };
    }
}
