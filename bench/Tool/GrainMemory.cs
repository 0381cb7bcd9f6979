using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using Orleans.Configuration;
using PubkyCluster.Gateway;
using PubkyCluster.Hosting.Web;

namespace PubkyCluster.Bench;

/// <summary>
/// Managed heap per active user grain. The single-process homeserver is hosted in this process, composed exactly as
/// src/Gateway/Program.cs composes it, so its heap can be read after a full, compacting collection: once after a warm-up
/// of N/5 users (JIT, pools, threads, first activations), once after signing up N more users and storing one file each through HTTP, with
/// every grain still active (checked through the management grain). The difference over N is what one active user costs.
/// </summary>
public static class GrainMemory
{
    private const int Parallelism = 16;

    public static async Task<int> RunAsync(int users)
    {
        var data = Directory.CreateTempSubdirectory("pubky-bench-memory-");
        try
        {
            return await MeasureAsync(users, data.FullName);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(int users, string dataDirectory)
    {
        var ports = FreeTcpPorts(3);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Homeserver:Testnet"] = "true",
            ["Homeserver:DataDirectory"] = dataDirectory,
            ["Listen:Address"] = "127.0.0.1",
            ["Listen:ClientPort"] = Text(ports[0]),
            ["Listen:SiloPort"] = Text(ports[1]),
            ["Listen:SiloGatewayPort"] = Text(ports[2]),
            ["Listen:AdminPort"] = "0",
            ["Listen:MetricsPort"] = "0",
            ["Listen:PkarrRelayPort"] = "0",
            ["Listen:HttpRelayPort"] = "0",
            ["Pkarr:TestnetBootstrapPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        // stdout carries only the figures run.sh reads.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddPubkyHomeserver(GatewayHttp.Surface);
        // No grain may be collected while it is counted: the default idle age is 15 minutes, a slow machine could reach it.
        builder.Services.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2));
        await using var app = builder.Build();
        app.MapPubkyHomeserver();
        await app.StartAsync();
        try
        {
            using var http = Accounts.Client(new Uri($"http://127.0.0.1:{ports[0]}"));
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            // A long warm-up at the same parallelism: the thread pool grows to what this load needs (each thread keeps its
            // own pooled buffers), so the difference below is the users' and not the process settling in.
            var warmUp = Math.Max(20, users / 5);
            await ActivateAsync(http, warmUp);
            var before = Heap();
            var threadsBefore = ThreadPool.ThreadCount;
            var activeBefore = await ActiveUserGrainsAsync(grains);
            await ActivateAsync(http, users);
            var after = Heap();
            var threadsAfter = ThreadPool.ThreadCount;
            var activeAfter = await ActiveUserGrainsAsync(grains);
            if (activeAfter - activeBefore != users)
            {
                throw new BenchFailure($"{activeAfter - activeBefore} user grains were activated, not {users}: the figure would be wrong");
            }
            var perUser = (double)(after - before) / users;
            Console.Error.WriteLine(FormattableString.Invariant(
                $"[bench] managed heap {before / 1e6:F1} MB with {activeBefore} active users and {threadsBefore} pool threads, {after / 1e6:F1} MB with {activeAfter} and {threadsAfter}: {perUser:F0} bytes per user"));
            Console.WriteLine(FormattableString.Invariant($"{perUser:F0} {activeAfter - activeBefore}"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Each user signs up (which activates its grain) and stores one file (an authenticated write through it).</summary>
    private static async Task ActivateAsync(HttpClient http, int count)
    {
        var body = Seed.Body();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (_, cancellationToken) =>
            {
                var user = await Accounts.SignUpAsync(http, cancellationToken);
                await Accounts.PutAsync(http, user, Seed.FilePath, body, cancellationToken);
            });
    }

    private static async Task<int> ActiveUserGrainsAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("UserGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>The live managed heap: a blocking, compacting full collection (large objects too), finalizers run, twice.</summary>
    private static long Heap()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int[] FreeTcpPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
