using System.Diagnostics;
using System.Globalization;

namespace PubkyCluster.Bench;

/// <summary>
/// Latency of one listing page (<c>?limit=100</c>) in a large directory against the same in a small one: sequential
/// requests, one at a time, for a fixed time each; the figure of a run is its median request.
/// </summary>
public static class Listing
{
    public const string Directory = "/pub/bench/list/";

    private const int PageSize = 100;

    public static async Task<int> RunAsync(Uri client, string largeUser, int largeCount, string smallUser, int smallCount, int pairs, double seconds)
    {
        using var http = Accounts.Client(client);
        var duration = TimeSpan.FromSeconds(seconds);
        // Warm both up (JIT on both sides, the grains' first activation) before anything is timed.
        await MedianMillisecondsAsync(http, smallUser, smallCount, TimeSpan.Zero, 20);
        await MedianMillisecondsAsync(http, largeUser, largeCount, TimeSpan.Zero, 20);
        var (large, small) = await Pairs.AlternateAsync("listing", "ms", pairs,
            () => MedianMillisecondsAsync(http, smallUser, smallCount, duration, 5),
            () => MedianMillisecondsAsync(http, largeUser, largeCount, duration, 5));
        Console.WriteLine(FormattableString.Invariant($"{large:F3} {small:F3}"));
        return 0;
    }

    private static async Task<double> MedianMillisecondsAsync(HttpClient http, string user, int count, TimeSpan duration, int atLeast)
    {
        var samples = new List<double>();
        var expected = Math.Min(count, PageSize);
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (samples.Count < atLeast || Stopwatch.GetTimestamp() < until)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, Directory + "?limit=" + PageSize.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("pubky-host", user);
            using var response = await http.SendAsync(request);
            await Accounts.ExpectAsync(response, 200, "GET " + Directory);
            var body = await response.Content.ReadAsStringAsync();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var lines = body.Length == 0 ? 0 : body.Split('\n').Length;
            if (lines != expected)
            {
                throw new BenchFailure($"GET {Directory}?limit={PageSize} of a directory of {count} answered {lines} entries, not {expected}");
            }
        }
        return Pairs.Median(samples);
    }
}
