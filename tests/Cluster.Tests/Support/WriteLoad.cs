using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>What the test knows about one path of one user after its own writes.</summary>
public sealed class PathRecord(string path)
{
    public string Path { get; } = path;

    /// <summary>The bytes of the last acknowledged PUT, or null once an acknowledged DELETE removed the file.</summary>
    public byte[]? Content { get; set; }

    public bool Exists => Content is not null;

    public int AckedPuts { get; set; }

    public int AckedDeletes { get; set; }

    /// <summary>Attempts that failed without an answer or with a 5xx: they may or may not have been committed.</summary>
    public int UncertainPuts { get; set; }

    public int UncertainDeletes { get; set; }

    /// <summary>The test gave up on a write of this path: its final state is unknown, so it is left out of exact checks.</summary>
    public bool Unknown { get; set; }
}

public sealed class LoadUser(int index, ClusterUser user)
{
    public int Index { get; } = index;

    public ClusterUser User { get; } = user;

    public Dictionary<string, PathRecord> Paths { get; } = new(StringComparer.Ordinal);

    public IEnumerable<PathRecord> LiveFiles => Paths.Values.Where(p => p.Exists && !p.Unknown);
}

/// <summary>
/// Concurrent writers, one task per user, spread over the given gateways (each user alternates between them). Each
/// write is retried with the same content while the cluster answers 5xx or nothing (the moments after a fault), within
/// a bounded budget. It records what was acknowledged, so that afterwards the cluster's state can be checked exactly.
/// </summary>
public sealed class WriteLoad(LocalCluster cluster, IReadOnlyList<GatewayEndpoints> gateways, string directory, int seed)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(40);

    public static readonly TimeSpan OperationBudget = TimeSpan.FromSeconds(150);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(750);

    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _failedAttempts = new();
    private readonly ConcurrentQueue<string> _log = new();
    private int _acknowledged;
    private int _retries;
    private volatile int _avoided;

    public List<LoadUser> Users { get; } = [];

    /// <summary>Unexpected answers and writes the test gave up on. Empty in a healthy run.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Every attempt answered with a 5xx (or 408, 429) or with no answer at all, whether or not a retry settled it.</summary>
    public IReadOnlyCollection<string> FailedAttempts => _failedAttempts;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Retries => Volatile.Read(ref _retries);

    public string Directory => directory;

    public void Log(string line) => _log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    /// <summary>From now on no request is sent to gateway <paramref name="index"/> (0: every gateway is used again).</summary>
    public void Avoid(int index) => _avoided = index;

    public string LogText => string.Join('\n', _log);

    public async Task SignUpUsersAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var user = ClusterUser.Create(cluster);
            await user.SignedUpAsync(gateways[i % gateways.Count]);
            Users.Add(new LoadUser(i, user));
        }
    }

    /// <summary>
    /// <paramref name="operationsPerUser"/> writes per user: mostly new files of random size, some overwrites and some
    /// deletes of the user's earlier files. Returns when every user is done (or <paramref name="cancellationToken"/>),
    /// or once <paramref name="stop"/> is signalled and each user's current write has settled; each user pauses
    /// <paramref name="pause"/> between writes.
    /// </summary>
    public Task RunAsync(int operationsPerUser, CancellationToken cancellationToken, CancellationToken stop = default, TimeSpan pause = default) =>
        Task.WhenAll(Users.Select(user => Task.Run(() => RunUserAsync(user, operationsPerUser, cancellationToken, stop, pause), cancellationToken)));

    private async Task RunUserAsync(LoadUser user, int operations, CancellationToken cancellationToken, CancellationToken stop, TimeSpan pause)
    {
        var random = new Random(seed * 1000 + user.Index);
        var next = 0;
        for (var op = 0; op < operations && !cancellationToken.IsCancellationRequested && !stop.IsCancellationRequested; op++)
        {
            if (op > 0 && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, CancellationToken.None);
            }
            var gateway = Pick(user.Index + op);
            var live = user.Paths.Values.Where(p => p.Exists && !p.Unknown).ToList();
            var roll = random.NextDouble();
            if (op >= 5 && live.Count > 2 && roll < 0.15)
            {
                await DeleteAsync(user, gateway, live[random.Next(live.Count)], cancellationToken);
            }
            else if (op >= 3 && live.Count > 0 && roll < 0.30)
            {
                await PutAsync(user, gateway, live[random.Next(live.Count)].Path, RandomBody(random), cancellationToken);
            }
            else
            {
                await PutAsync(user, gateway, $"{directory}f{next++:D3}.bin", RandomBody(random), cancellationToken);
            }
        }
    }

    private static byte[] RandomBody(Random random)
    {
        // Mostly small, sometimes empty, now and then a few hundred KiB (several blob blocks).
        var roll = random.NextDouble();
        var length = roll < 0.05 ? 0 : roll < 0.92 ? random.Next(1, 48 * 1024) : random.Next(200 * 1024, 400 * 1024);
        var body = new byte[length];
        random.NextBytes(body);
        return body;
    }

    private async Task PutAsync(LoadUser user, GatewayEndpoints first, string path, byte[] content, CancellationToken cancellationToken)
    {
        if (!user.Paths.TryGetValue(path, out var record))
        {
            record = new PathRecord(path);
            user.Paths[path] = record;
        }
        var outcome = await WithRetriesAsync(user, first, "PUT", path, cancellationToken, async (gateway, token) =>
        {
            using var response = await user.User.PutAsync(gateway, path, content, token);
            return (response.StatusCode, await ReadShortAsync(response));
        }, status => status == HttpStatusCode.Created, _ => false, () => record.UncertainPuts++);
        if (outcome)
        {
            record.Content = content;
            record.AckedPuts++;
            Interlocked.Increment(ref _acknowledged);
        }
        else
        {
            record.Unknown = true;
        }
    }

    private async Task DeleteAsync(LoadUser user, GatewayEndpoints first, PathRecord record, CancellationToken cancellationToken)
    {
        var uncertainBefore = record.UncertainDeletes;
        var outcome = await WithRetriesAsync(user, first, "DELETE", record.Path, cancellationToken, async (gateway, token) =>
        {
            using var response = await user.User.DeleteAsync(gateway, record.Path, token);
            return (response.StatusCode, await ReadShortAsync(response));
        },
        status => status == HttpStatusCode.NoContent,
        // A 404 after an attempt that may have been committed: that attempt deleted it.
        status => status == HttpStatusCode.NotFound && record.UncertainDeletes > uncertainBefore,
        () => record.UncertainDeletes++);
        if (outcome)
        {
            record.Content = null;
            record.AckedDeletes++;
            Interlocked.Increment(ref _acknowledged);
        }
        else
        {
            record.Unknown = true;
        }
    }

    /// <summary>True when acknowledged (or settled by <paramref name="settled"/>); false when the test gave up.</summary>
    private async Task<bool> WithRetriesAsync(
        LoadUser user, GatewayEndpoints first, string method, string path, CancellationToken cancellationToken,
        Func<GatewayEndpoints, CancellationToken, Task<(HttpStatusCode Status, string Body)>> send,
        Func<HttpStatusCode, bool> acknowledged, Func<HttpStatusCode, bool> settled, Action uncertain)
    {
        var deadline = DateTime.UtcNow + OperationBudget;
        var last = "";
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // A retry goes to the next gateway: a client would do the same behind a load balancer.
            var gateway = attempt == 0 && first.Index != _avoided ? first : Pick(first.Index - 1 + attempt);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AttemptTimeout);
                var (status, body) = await send(gateway, timeout.Token);
                if (acknowledged(status) || settled(status))
                {
                    if (attempt > 0)
                    {
                        Log($"{method} {user.User.Z32[..8]}{path} settled with {(int)status} on {gateway} after {attempt} retries ({last})");
                    }
                    return true;
                }
                if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                {
                    uncertain();
                    last = $"{(int)status} {body}";
                    _failedAttempts.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {method} {user.User.Z32[..8]}{path} on {gateway}: {last}");
                }
                else
                {
                    _problems.Enqueue($"{method} {user.User.Z32}{path} on {gateway}: unexpected {(int)status} {body}");
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    _problems.Enqueue($"{method} {user.User.Z32}{path}: the run was cancelled");
                    return false;
                }
                uncertain();
                last = $"{e.GetType().Name}: {e.Message}";
                _failedAttempts.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {method} {user.User.Z32[..8]}{path} on {gateway}: {last}");
            }
            Interlocked.Increment(ref _retries);
            if (DateTime.UtcNow + RetryPause > deadline)
            {
                break;
            }
            await Task.Delay(RetryPause, CancellationToken.None);
        }
        _problems.Enqueue($"{method} {user.User.Z32}{path}: gave up after {OperationBudget.TotalSeconds:F0} s; last: {last}");
        return false;
    }

    /// <summary>The <paramref name="n"/>th gateway (cyclically) of those not avoided.</summary>
    private GatewayEndpoints Pick(int n)
    {
        var usable = gateways.Where(g => g.Index != _avoided).ToList();
        return usable[n % usable.Count];
    }

    private static async Task<string> ReadShortAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 200 ? text[..200] : text;
    }

    // --- checks ----------------------------------------------------------------------------------------------------

    /// <summary>Every acknowledged file is readable with its exact bytes on every gateway; every deleted one is 404.</summary>
    public async Task<List<string>> CheckReadableAsync()
    {
        var failures = new List<string>();
        foreach (var user in Users)
        {
            foreach (var record in user.Paths.Values.Where(p => !p.Unknown))
            {
                var gateway = gateways[(record.Path.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % gateways.Count];
                var (ok, _, failure) = await Eventually.TryAsync(async () =>
                {
                    using var response = await user.User.GetAsync(gateway, record.Path);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if ((int)response.StatusCode >= 500)
                    {
                        return (false, $"{(int)response.StatusCode}");
                    }
                    if (record.Content is null)
                    {
                        return (response.StatusCode == HttpStatusCode.NotFound, $"deleted file answered {(int)response.StatusCode}");
                    }
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return (false, $"acknowledged file answered {(int)response.StatusCode} {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 100)))}");
                    }
                    return (body.AsSpan().SequenceEqual(record.Content),
                        $"acknowledged file has {body.Length} bytes that differ from the {record.Content.Length} written");
                }, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), maxAttempts: 30);
                if (!ok)
                {
                    failures.Add($"GET {user.User.Z32}{record.Path} on {gateway}: {failure}");
                }
            }
        }
        return failures;
    }

    /// <summary>
    /// The listing holds exactly the acknowledged live files, and the admin API's used bytes equal the sum over the
    /// listed files of (length + 256), with the file count equal to the listing's.
    /// </summary>
    public async Task<List<string>> CheckListingAndUsageAsync()
    {
        var failures = new List<string>();
        foreach (var user in Users)
        {
            var gateway = gateways[user.Index % gateways.Count];
            var listed = await user.User.ListAllAsync(gateway);
            var unknown = user.Paths.Values.Where(p => p.Unknown).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            var expected = user.LiveFiles.Select(p => p.Path).Order(StringComparer.Ordinal).ToList();
            var listedKnown = listed.Where(p => !unknown.Contains(p)).ToList();
            if (!listedKnown.SequenceEqual(expected))
            {
                failures.Add($"listing of {user.User.Z32} on {gateway}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", listed)}]");
                continue;
            }
            // The lengths of the listed files, as the server serves them (HEAD), so unknown paths count correctly too.
            long sum = 0;
            foreach (var path in listed)
            {
                using var head = await user.User.SendAsync(gateway, HttpMethod.Head, path, null);
                if (head.StatusCode != HttpStatusCode.OK || head.Content.Headers.ContentLength is not { } length)
                {
                    failures.Add($"HEAD {user.User.Z32}{path} on {gateway}: {(int)head.StatusCode}");
                    continue;
                }
                sum += length + 256;
            }
            var (used, files, raw) = await UsageAsync(user.User.Z32);
            if (used != sum || files != listed.Count)
            {
                failures.Add($"usage of {user.User.Z32}: used_bytes {used}, files {files}; listed {listed.Count} files, " +
                    $"sum of (length + 256) = {sum} ({raw})");
            }
        }
        return failures;
    }

    public async Task<(long Used, long Files, string Raw)> UsageAsync(string z32)
    {
        var gateway = gateways[^1];
        using var response = await cluster.Http.SendAsync(cluster.AdminRequest(gateway, HttpMethod.Get, $"/users/{z32}/usage"));
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"admin usage of {z32} on {gateway}: {(int)response.StatusCode} {raw}");
        using var json = System.Text.Json.JsonDocument.Parse(raw);
        return (json.RootElement.GetProperty("used_bytes").GetInt64(), json.RootElement.GetProperty("files").GetInt64(), raw);
    }

    /// <summary>
    /// Per path of this load, the feed holds one PUT per acknowledged PUT and one DEL per acknowledged DELETE (plus at
    /// most one per uncertain attempt, which may have been committed before its answer was lost), and the path's last
    /// event agrees with its final state.
    /// </summary>
    public List<string> CheckEvents(IReadOnlyList<FeedEvent> feed)
    {
        var failures = new List<string>();
        var byUri = feed.GroupBy(e => e.Uri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var user in Users)
        {
            foreach (var record in user.Paths.Values.Where(p => !p.Unknown))
            {
                var uri = $"pubky://{user.User.Z32}{record.Path}";
                var events = byUri.TryGetValue(uri, out var list) ? list : [];
                var puts = events.Count(e => e.Kind == "PUT");
                var deletes = events.Count(e => e.Kind == "DEL");
                if (puts < record.AckedPuts || puts > record.AckedPuts + record.UncertainPuts)
                {
                    failures.Add($"{uri}: {puts} PUT events for {record.AckedPuts} acknowledged PUTs (+{record.UncertainPuts} uncertain attempts)");
                }
                if (deletes < record.AckedDeletes || deletes > record.AckedDeletes + record.UncertainDeletes)
                {
                    failures.Add($"{uri}: {deletes} DEL events for {record.AckedDeletes} acknowledged DELETEs (+{record.UncertainDeletes} uncertain attempts)");
                }
                var lastKind = events.Count == 0 ? null : events[^1].Kind;
                var expectedKind = record.Exists ? "PUT" : "DEL";
                if (lastKind != expectedKind)
                {
                    failures.Add($"{uri}: the last event is {lastKind ?? "none"}, but the file {(record.Exists ? "exists" : "was deleted")}");
                }
            }
        }
        return failures;
    }

    /// <summary>The feed's ids are 1..N: strictly increasing by one, so nothing is missing and nothing repeated.</summary>
    public static List<string> CheckFeedIds(IReadOnlyList<FeedEvent> feed)
    {
        var failures = new List<string>();
        for (var i = 0; i < feed.Count; i++)
        {
            if (feed[i].Id != i + 1)
            {
                failures.Add($"event #{i + 1} has id {feed[i].Id} (previous {(i == 0 ? 0 : feed[i - 1].Id)}): {feed[i].Kind} {feed[i].Uri}");
                if (failures.Count >= 20)
                {
                    break;
                }
            }
        }
        return failures;
    }
}
