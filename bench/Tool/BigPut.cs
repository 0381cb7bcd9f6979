using System.Diagnostics;

namespace PubkyCluster.Bench;

/// <summary>
/// Seconds per large PUT, one at a time: the homeserver storing the body (overwriting one path, so old bodies are
/// released) against the bare Kestrel app writing it to a new file with an fsync. The figure of a run is its median PUT.
/// </summary>
public static class BigPut
{
    private const string Path = "/pub/bench/big";

    public static async Task<int> RunAsync(Uri client, Uri baseline, int bytes, int pairs, int putsPerRun)
    {
        var timeout = TimeSpan.FromSeconds(300);
        using var home = Accounts.Client(client, timeout);
        using var bare = Accounts.Client(baseline, timeout);
        var user = await Accounts.SignUpAsync(home);
        var body = Seed.Pattern(bytes);
        // One untimed PUT each first, so neither side pays its first-use costs in a measured run.
        await TimeAsync(bare, null, body, 1);
        await TimeAsync(home, user, body, 1);
        var (measured, baselineSeconds) = await Pairs.AlternateAsync("large PUT", "s", pairs,
            () => TimeAsync(bare, null, body, putsPerRun),
            () => TimeAsync(home, user, body, putsPerRun));
        Console.WriteLine(FormattableString.Invariant($"{measured:F4} {baselineSeconds:F4}"));
        return 0;
    }

    private static async Task<double> TimeAsync(HttpClient http, BenchUser? user, byte[] body, int puts)
    {
        var samples = new List<double>();
        for (var i = 0; i < puts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (user is null)
            {
                using var response = await http.PutAsync("/file", new ByteArrayContent(body));
                await Accounts.ExpectAsync(response, 201, "PUT /file (baseline)");
            }
            else
            {
                await Accounts.PutAsync(http, user, Path, body);
            }
            samples.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return Pairs.Median(samples);
    }
}
