using System.Diagnostics;
using System.Globalization;

namespace PubkyCluster.Bench;

/// <summary>
/// The whole <c>/events/</c> feed read from cursor 0 in pages of 1,000, as an indexer catching up would, in events per
/// second; against the bare Kestrel app formatting the same number of lines of the same shape from memory.
/// </summary>
public static class EventsScan
{
    public const int PageSize = 1000;

    public static async Task<int> RunAsync(Uri client, Uri baseline, int pairs)
    {
        using var home = Accounts.Client(client, TimeSpan.FromSeconds(60));
        using var bare = Accounts.Client(baseline, TimeSpan.FromSeconds(60));
        // The first scan warms up, fixes the count the baseline serves and is the one read from the store: it fills the
        // gateway's cache of full pages, which serves the later scans. Nothing writes during the row.
        var started = Stopwatch.GetTimestamp();
        var (total, _) = await ScanAsync(home, cursor => $"/events/?cursor={cursor}&limit={PageSize}");
        var firstRate = total / Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (total == 0)
        {
            throw new BenchFailure("GET /events/ from cursor 0 returned no events");
        }
        await ScanAsync(bare, cursor => $"/events/?cursor={cursor}&limit={PageSize}&total={total}");
        var (measured, baselineRate) = await Pairs.AlternateAsync("events", "events/s", pairs,
            () => RateAsync(bare, cursor => $"/events/?cursor={cursor}&limit={PageSize}&total={total}", total),
            () => RateAsync(home, cursor => $"/events/?cursor={cursor}&limit={PageSize}", total));
        Console.WriteLine(FormattableString.Invariant($"{total} {measured:F0} {baselineRate:F0} {firstRate:F0}"));
        return 0;
    }

    private static async Task<double> RateAsync(HttpClient http, Func<long, string> page, long expected)
    {
        var started = Stopwatch.GetTimestamp();
        var (events, last) = await ScanAsync(http, page);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (events != expected)
        {
            throw new BenchFailure($"the scan read {events} events (last id {last}), the first scan {expected}");
        }
        return events / seconds;
    }

    /// <summary>Pages until one is short; every page must end in the cursor line naming its last event.</summary>
    private static async Task<(long Events, long LastId)> ScanAsync(HttpClient http, Func<long, string> page)
    {
        long cursor = 0;
        long events = 0;
        while (true)
        {
            var url = page(cursor);
            using var response = await http.GetAsync(url);
            await Accounts.ExpectAsync(response, 200, "GET " + url);
            var body = await response.Content.ReadAsStringAsync();
            if (body.Length == 0)
            {
                return (events, cursor);
            }
            var lines = 0;
            long? next = null;
            foreach (var line in body.AsSpan().EnumerateLines())
            {
                if (line.StartsWith("cursor: "))
                {
                    next = long.Parse(line["cursor: ".Length..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("PUT ") || line.StartsWith("DEL "))
                {
                    lines++;
                }
                else
                {
                    throw new BenchFailure($"GET {url}: unexpected line '{line}'");
                }
            }
            if (next is not { } nextCursor || nextCursor <= cursor)
            {
                throw new BenchFailure($"GET {url}: no cursor line after the last event, or a cursor that does not advance");
            }
            events += lines;
            cursor = nextCursor;
            if (lines < PageSize)
            {
                return (events, cursor);
            }
        }
    }
}
