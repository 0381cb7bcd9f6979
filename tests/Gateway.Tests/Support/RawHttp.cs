using System.Net.Sockets;
using System.Text;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>
/// Sends bytes exactly as given over TCP and reads the status and body, for inputs an HTTP client library would
/// normalise or refuse to send (dot segments, odd headers, garbage). Bounded by a timeout. The request should say
/// "Connection: close": the socket is not half-closed, because Kestrel treats that as the client going away.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Body)> SendAsync(int port, string request, TimeSpan? timeout = null) =>
        await SendAsync(port, Encoding.UTF8.GetBytes(request), timeout);

    public static async Task<(int Status, string Body)> SendAsync(int port, byte[] request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancel.Token);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response, cancel.Token);
        var text = Encoding.UTF8.GetString(response.ToArray());
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        {
            return (0, text);
        }
        var status = int.Parse(text.AsSpan(9, 3));
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? "" : Dechunk(text, bodyStart + 4));
    }

    /// <summary>The body of a response whose headers end before <paramref name="start"/>, chunked or not.</summary>
    private static string Dechunk(string text, int start)
    {
        var headers = text[..start];
        if (!headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return text[start..];
        }
        var body = new StringBuilder();
        var position = start;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }
            var size = Convert.ToInt32(text[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }
            body.Append(text, lineEnd + 2, Math.Min(size, text.Length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }
        return body.ToString();
    }
}
