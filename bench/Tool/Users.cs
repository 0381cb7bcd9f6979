using System.Diagnostics;
using System.Globalization;

namespace PubkyCluster.Bench;

/// <summary>Seeding, outside every timed part: users for the PUT loads, and users with many entries for the listing.</summary>
public static class Users
{
    /// <summary>Parallel requests while seeding: enough to keep two cores busy, few enough not to time out.</summary>
    private const int SeedParallelism = 16;

    /// <summary>Signs <paramref name="count"/> users up and writes "host cookie" lines, the form bench/put.lua reads.</summary>
    public static async Task<int> SignUpAsync(Uri client, int count, string file)
    {
        using var http = Accounts.Client(client);
        var users = new BenchUser[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Options(),
            async (i, cancellationToken) => users[i] = await Accounts.SignUpAsync(http, cancellationToken));
        await File.WriteAllLinesAsync(file, users.Select(u => $"{u.Host} {u.Cookie}"));
        return 0;
    }

    /// <summary>A new user with <paramref name="count"/> files of 1 KiB under <see cref="Listing.Directory"/>; prints the user's key.</summary>
    public static async Task<int> FillAsync(Uri client, int count)
    {
        using var http = Accounts.Client(client);
        var user = await Accounts.SignUpAsync(http);
        var body = Seed.Body();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Options(),
            async (i, cancellationToken) => await Accounts.PutAsync(http, user, Listing.Directory + i.ToString("D6", CultureInfo.InvariantCulture), body, cancellationToken));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine(FormattableString.Invariant($"[bench] stored {count} entries for one user in {seconds:F1} s ({count / seconds:F0} PUT/s, {SeedParallelism} in parallel)"));
        Console.WriteLine(user.Host);
        return 0;
    }

    private static ParallelOptions Options() => new() { MaxDegreeOfParallelism = SeedParallelism };
}
