using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>What one measurement of the failover window found.</summary>
/// <param name="Window">The longest time, counted from the kill, until a user whose requests failed had one succeed again.</param>
/// <param name="Affected">Users that saw at least one failed request after the kill (those whose grains lived on the silo).</param>
/// <param name="Users">How many users wrote.</param>
/// <param name="Unrecovered">Users whose requests did not succeed again within <see cref="FailoverWindow.Observation"/>'s bound.</param>
/// <param name="Problems">Answers that are neither success nor unavailability (a 4xx, say): a bug, not failover.</param>
/// <param name="Report">The window, the settings of the measurement and each user's recovery, as written to the report file.</param>
public sealed record FailoverResult(TimeSpan Window, int Affected, int Users, List<string> Unrecovered, List<string> Problems, string Report);

/// <summary>
/// Measures how long the users of a silo get no answer after its kill -9: every user writes one small file again and
/// again (each attempt bounded by <see cref="AttemptTimeout"/>, so a request stuck on the dead silo counts as a
/// failure, not as a pause), the silo is killed, and each user's recovery is the end of its first success after its
/// last failure. The window is reported, not asserted: the assertion is only that every user recovers within
/// <see cref="RecoveryBound"/>.
/// </summary>
public static class FailoverWindow
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1.5);

    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    /// <summary>How long after the kill the users keep writing (at least), so a late relapse would be seen.</summary>
    public static readonly TimeSpan Observation = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private const int MaxAttemptsPerUser = 2000;

    /// <summary>One write; <paramref name="Failure"/> says how it failed (a 5xx, no answer in time, a refused connection).</summary>
    private sealed record Attempt(TimeSpan Start, TimeSpan End, bool Ok, string? Failure);

    /// <summary>Kills silo <paramref name="silo"/> of <paramref name="cluster"/> under the probe writes and starts it again afterwards.</summary>
    public static async Task<FailoverResult> MeasureAsync(LocalCluster cluster, int silo, int userCount, string name)
    {
        var gateways = new[] { cluster.GatewayA, cluster.GatewayB };
        var users = new List<ClusterUser>();
        for (var i = 0; i < userCount; i++)
        {
            users.Add(await ClusterUser.Create(cluster).SignedUpAsync(gateways[i % gateways.Length]));
        }
        var clock = Stopwatch.StartNew();
        var attempts = users.Select(_ => new ConcurrentQueue<Attempt>()).ToList();
        var problems = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        async Task PollAsync(int i)
        {
            var user = users[i];
            var gateway = gateways[i % gateways.Length];
            var body = Encoding.UTF8.GetBytes($"probe of {user.Z32}");
            for (var n = 0; n < MaxAttemptsPerUser && !stop.IsCancellationRequested; n++)
            {
                var start = clock.Elapsed;
                string? failure;
                try
                {
                    using var timeout = new CancellationTokenSource(AttemptTimeout);
                    using var put = await user.PutAsync(gateway, "/pub/window.example/probe.txt", body, timeout.Token);
                    failure = put.StatusCode == HttpStatusCode.Created ? null : ((int)put.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if (failure is not null && (int)put.StatusCode < 500)
                    {
                        problems.Enqueue($"{user.Z32} on {gateway}: unexpected {failure} {await put.Content.ReadAsStringAsync()}");
                    }
                }
                catch (OperationCanceledException)
                {
                    failure = "no answer";
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    failure = e.GetType().Name;
                }
                attempts[i].Enqueue(new Attempt(start, clock.Elapsed, failure is null, failure));
                await Task.Delay(Pause, CancellationToken.None);
            }
        }

        var polling = Task.WhenAll(Enumerable.Range(0, users.Count).Select(i => Task.Run(() => PollAsync(i))));
        // Every user's grain is active (and some on the silo to be killed) before the kill: three successes each.
        var (warm, _, _) = await Eventually.TryAsync(
            () => Task.FromResult((attempts.All(a => a.Count(x => x.Ok) >= 3), "warming up")), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        var killedAt = clock.Elapsed;
        await cluster.KillSiloAsync(silo);

        // Keep writing for the observation time, and on (up to the bound) while some user's last attempt failed.
        await Eventually.TryAsync(() => Task.FromResult((
            clock.Elapsed - killedAt >= Observation && attempts.All(a => a.LastOrDefault() is { Ok: true } last && last.Start > killedAt),
            "observing")), RecoveryBound, TimeSpan.FromMilliseconds(250));
        stop.Cancel();
        await polling;
        await cluster.StartSiloAsync(silo);

        var recoveries = attempts.Select(a => Recovery([.. a], killedAt)).ToList();
        var affected = recoveries.Count(r => r is null || r > TimeSpan.Zero);
        var unrecovered = users.Where((_, i) => recoveries[i] is null || recoveries[i] > RecoveryBound).Select(u => u.Z32).ToList();
        var window = recoveries.Select(r => r ?? RecoveryBound).DefaultIfEmpty(TimeSpan.Zero).Max();

        var report = new StringBuilder();
        var warning = warm ? "" : " (warning: not every user had warmed up before the kill)";
        report.AppendLine(CultureInfo.InvariantCulture, $"failover window ({name}): {window.TotalSeconds:F1} s after kill -9 of silo {silo}, " +
            $"{affected} of {users.Count} users affected, {unrecovered.Count} not recovered within {RecoveryBound.TotalSeconds:F0} s{warning}");
        report.AppendLine(CultureInfo.InvariantCulture, $"measured {DateTime.UtcNow:u}; attempts bounded at {AttemptTimeout.TotalSeconds} s, one every {Pause.TotalMilliseconds} ms per user");
        // Failures before the kill mean the machine itself was too slow for the bound: the window then overstates.
        report.AppendLine(CultureInfo.InvariantCulture, $"failed attempts before the kill: {Failures(attempts, a => a.End <= killedAt)}; after it: {Failures(attempts, a => a.End > killedAt)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"load average (1, 5, 15 min) at the end: {LoadAverage()}");
        for (var i = 0; i < users.Count; i++)
        {
            var failed = attempts[i].Count(a => !a.Ok && a.End > killedAt);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  user {users[i].Z32[..8]}: {(recoveries[i] is { } r ? $"{r.TotalSeconds:F1} s" : "not recovered")}, {failed} failed attempts after the kill");
        }
        foreach (var user in users)
        {
            user.Dispose();
        }
        var path = Path.Combine(LocalCluster.RepositoryRoot, ".artifacts", "cluster", $"failover-window-{name}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        return new FailoverResult(window, affected, users.Count, unrecovered, [.. problems], report.ToString());
    }

    /// <summary>How many of the attempts that <paramref name="when"/> selects failed, by kind ("none" when none did).</summary>
    private static string Failures(List<ConcurrentQueue<Attempt>> attempts, Func<Attempt, bool> when)
    {
        var kinds = attempts.SelectMany(a => a).Where(a => !a.Ok && when(a)).GroupBy(a => a.Failure).Select(g => $"{g.Count()} × {g.Key}").ToList();
        return kinds.Count == 0 ? "none" : string.Join(", ", kinds);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// Zero when nothing failed after the kill; otherwise the end of the first success after the last failure, counted
    /// from the kill; null when no success followed.
    /// </summary>
    private static TimeSpan? Recovery(List<Attempt> attempts, TimeSpan killedAt)
    {
        var lastFailure = attempts.FindLastIndex(a => !a.Ok && a.End > killedAt);
        if (lastFailure < 0)
        {
            return TimeSpan.Zero;
        }
        var success = attempts.Skip(lastFailure + 1).FirstOrDefault(a => a.Ok);
        return success is null ? null : success.End - killedAt;
    }
}
