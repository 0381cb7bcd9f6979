using System.Text;

namespace PubkyCluster.Gateway.Tests.Support;

/// <summary>One Server-Sent Event: its type and data lines.</summary>
public sealed record SseMessage(string Event, IReadOnlyList<string> Data);

/// <summary>Reads an SSE response; every read is bounded by a timeout.</summary>
public sealed class SseReader(HttpResponseMessage response) : IDisposable
{
    private StreamReader? _reader;

    public static async Task<SseReader> OpenAsync(HttpClient http, Uri url)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response);
    }

    public HttpResponseMessage Response => response;

    /// <summary>Up to <paramref name="count"/> messages; fewer when the stream ends or <paramref name="timeout"/> passes.</summary>
    public async Task<List<SseMessage>> ReadAsync(int count, TimeSpan timeout)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        using var cancel = new CancellationTokenSource(timeout);
        var messages = new List<SseMessage>();
        string? type = null;
        var data = new List<string>();
        try
        {
            while (messages.Count < count)
            {
                var line = await _reader.ReadLineAsync(cancel.Token);
                if (line is null)
                {
                    break;
                }
                if (line.Length == 0)
                {
                    if (type is not null)
                    {
                        messages.Add(new SseMessage(type, [.. data]));
                    }
                    (type, data) = (null, []);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return messages;
    }

    /// <summary>Whether the server closed the stream within <paramref name="timeout"/> (after the messages already read).</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    return false;
                }
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        response.Dispose();
    }
}
