using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pubky.Client.Events;

/// <summary>
/// Reads the server-sent events of <c>/events-stream</c> (spec A5.3): an <c>event:</c> line (PUT or DEL), then
/// <c>data:</c> lines with the URL, <c>cursor: N</c> and, for PUT, <c>content_hash: …</c>; a blank line ends a message;
/// comment lines (keep-alives) are skipped.
/// </summary>
internal static class EventStreamReader
{
    public static async IAsyncEnumerable<FeedEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var reader = new StreamReader(body);
        string? kind = null;
        var data = new List<string>(3);
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind is not null)
                {
                    yield return Message(kind, data);
                }
                (kind, data) = (null, new List<string>(3));
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                kind = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
        }
    }

    private static FeedEvent Message(string kind, List<string> data)
    {
        if (data.Count == 0)
        {
            throw new FormatException($"An events-stream message '{kind}' has no data line.");
        }
        long? cursor = null;
        string? hash = null;
        foreach (var line in data.Skip(1))
        {
            if (line.StartsWith("cursor: ", StringComparison.Ordinal))
            {
                cursor = long.Parse(line.AsSpan("cursor: ".Length), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("content_hash: ", StringComparison.Ordinal))
            {
                hash = line["content_hash: ".Length..];
            }
        }
        return new FeedEvent(FeedEvent.KindOf(kind), PubkyUrl.Parse(data[0]), cursor, hash);
    }
}
