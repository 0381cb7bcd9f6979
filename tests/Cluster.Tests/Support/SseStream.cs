namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>One server-sent event: its <c>event:</c> name and its <c>data:</c> lines.</summary>
public sealed record SseMessage(string Event, IReadOnlyList<string> Data);

/// <summary>A minimal reader of a <c>text/event-stream</c> response body.</summary>
public sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public static Task<SseStream> OpenAsync(HttpClient http, Uri url, CancellationToken cancellationToken) =>
        OpenAsync(http, new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);

    /// <summary>Sends <paramref name="request"/> (a GET with the caller's headers) and reads its body as it comes.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("Accept", "text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new SseStream(response, new StreamReader(stream));
    }

    /// <summary>The next message, or null when the stream ended. Comments (keep-alives) are skipped.</summary>
    public async Task<SseMessage?> NextAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return name is null && data.Count == 0 ? null : new SseMessage(name ?? "message", data);
            }
            if (line.Length == 0)
            {
                if (name is not null || data.Count > 0)
                {
                    return new SseMessage(name ?? "message", data);
                }
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event")
            {
                name = value;
            }
            else if (field == "data")
            {
                data.Add(value);
            }
        }
    }

    /// <summary>Whether the server ends the stream, with no further message, before <paramref name="cancellationToken"/> fires.</summary>
    public async Task<bool> EndsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await NextAsync(cancellationToken) is null;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        Response.Dispose();
        return ValueTask.CompletedTask;
    }
}
