using System.Net;

namespace PubkyCluster.Cluster.Tests.Support;

/// <summary>
/// The local cluster of one test run: <c>scripts/cluster.sh start</c> once (two silos, two gateways, Redis and Azurite on
/// free loopback ports), <c>stop</c> at the end, also when a test or the start failed. The script is told this process's
/// PID, so its watchdog stops the cluster even if the test host dies without disposing the fixture.
/// </summary>
public class LocalCluster : IAsyncLifetime
{
    /// <summary>Includes the Release build of src/Gateway and src/Silo when it is not up to date.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(12);

    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    public const string AdminPassword = "admin";

    public const string HomeserverZ32 = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object>>> _scenarios = new();
    private readonly string[] _startArguments;
    private ClusterEnv? _env;

    public LocalCluster()
        : this("", [])
    {
    }

    /// <param name="kind">Appended to the state directory's name, so two fixtures of one run keep apart.</param>
    /// <param name="startArguments">Extra arguments of <c>cluster.sh start</c>, e.g. <c>--netns</c>.</param>
    protected LocalCluster(string kind, string[] startArguments)
    {
        _startArguments = startArguments;
        StateDirectory = Path.Combine(RepositoryRoot, ".artifacts", "cluster", "test-runs",
            $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}{kind}");
        Http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Script => Path.Combine(RepositoryRoot, "scripts", "cluster.sh");

    /// <summary>DIR of cluster.sh: cluster.env, logs/ (kept after the run), and the data (deleted after the run).</summary>
    public string StateDirectory { get; }

    public string Logs => Path.Combine(StateDirectory, "logs");

    public HttpClient Http { get; }

    public ClusterEnv Env => _env ?? throw new InvalidOperationException("the cluster is not running");

    public GatewayEndpoints GatewayA => Env.Gateway(1);

    public GatewayEndpoints GatewayB => Env.Gateway(2);

    /// <summary>The output of <c>cluster.sh start</c>, for diagnostics.</summary>
    public string StartOutput { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(StateDirectory);
        var result = await RunScriptAsync(StartTimeout, ["start", "--owner-pid", Environment.ProcessId.ToString(
            System.Globalization.CultureInfo.InvariantCulture), .. _startArguments]);
        StartOutput = result.Output;
        if (!result.Succeeded)
        {
            await StopAsync();
            throw new InvalidOperationException(
                $"scripts/cluster.sh start failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}); logs in {Logs}:\n{result.Tail(60)}");
        }
        ReloadEnv();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        // Logs stay for whoever needs to read them; the data would only fill the disk.
        foreach (var data in new[] { "azurite", "redis" })
        {
            try
            {
                Directory.Delete(Path.Combine(StateDirectory, data), recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// Runs an expensive scenario once per test run and hands every caller the same result, so that several tests can
    /// each assert one property of it.
    /// </summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> scenario) where T : class =>
        (T)await _scenarios.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await scenario())).Value;

    public Task<ScriptResult> StopAsync() => RunScriptAsync(CommandTimeout, "stop");

    public Task KillSiloAsync(int index) => CommandAsync("kill-silo", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>(Re)starts silo <paramref name="index"/>, with extra NAME=VALUE settings for a new one.</summary>
    public Task StartSiloAsync(int index, params string[] settings) =>
        CommandAsync(["start-silo", index.ToString(System.Globalization.CultureInfo.InvariantCulture), .. settings]);

    public Task RestartRedisAsync() => CommandAsync("restart-redis");

    public Task RestartAzuriteAsync() => CommandAsync("restart-azurite");

    /// <summary>Starts (another) gateway with extra NAME=VALUE settings, e.g. <c>Signup__Mode=TokenRequired</c>.</summary>
    public async Task<GatewayEndpoints> StartGatewayAsync(int index, params string[] settings)
    {
        await CommandAsync(["start-gateway", index.ToString(System.Globalization.CultureInfo.InvariantCulture), .. settings]);
        return Env.Gateway(index);
    }

    public Task StopGatewayAsync(int index) => CommandAsync("stop-gateway", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SIGTERM to silo <paramref name="index"/>, a graceful exit (the command fails if it needed SIGKILL), then the same silo again.</summary>
    public Task RestartSiloAsync(int index) => CommandAsync("restart-silo", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The same for gateway <paramref name="index"/>, on the same ports.</summary>
    public Task RestartGatewayAsync(int index) => CommandAsync("restart-gateway", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The last lines of one process's log (e.g. "silo-1", "gateway-2"), for assertion messages.</summary>
    public string LogTail(string name, int lines = 30)
    {
        var path = Path.Combine(Logs, name + ".log");
        if (!File.Exists(path))
        {
            return $"(no {path})";
        }
        var all = File.ReadAllLines(path);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>Every line of one process's log that contains <paramref name="text"/>, for assertion messages.</summary>
    public IReadOnlyList<string> LogLinesContaining(string name, string text)
    {
        var path = Path.Combine(Logs, name + ".log");
        return File.Exists(path) ? [.. File.ReadLines(path).Where(line => line.Contains(text, StringComparison.Ordinal)).Select(line => line.Trim())] : [];
    }

    /// <summary>A new admin request to the given gateway's admin API, with the password.</summary>
    public HttpRequestMessage AdminRequest(GatewayEndpoints gateway, HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, gateway.AdminUrl(pathAndQuery));
        request.Headers.Add("X-Admin-Password", AdminPassword);
        return request;
    }

    public async Task<string> GenerateSignupTokenAsync(GatewayEndpoints gateway)
    {
        using var response = await Http.SendAsync(AdminRequest(gateway, HttpMethod.Get, "/generate_signup_token"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"generate_signup_token on {gateway}: {(int)response.StatusCode} {body}");
        return body.Trim();
    }

    private async Task CommandAsync(params string[] arguments)
    {
        var result = await RunScriptAsync(CommandTimeout, arguments);
        ReloadEnv();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"scripts/cluster.sh {string.Join(' ', arguments)} failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}):\n{result.Tail()}");
        }
    }

    private Task<ScriptResult> RunScriptAsync(TimeSpan timeout, params string[] arguments) =>
        ScriptRunner.RunAsync("bash", [Script, .. arguments, "--state-dir", StateDirectory], timeout);

    private void ReloadEnv()
    {
        var file = Path.Combine(StateDirectory, "cluster.env");
        if (File.Exists(file))
        {
            _env = ClusterEnv.Load(file);
        }
    }

    private static string FindRepositoryRoot()
    {
        static bool IsRoot(string? dir) =>
            dir is not null && File.Exists(Path.Combine(dir, "PubkyCluster.sln")) && File.Exists(Path.Combine(dir, "scripts", "cluster.sh"));

        var candidates = new List<string?> { Environment.GetEnvironmentVariable("PUBKY_REPOSITORY_ROOT") };
        candidates.AddRange(typeof(LocalCluster).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Where(a => a.Key == "RepositoryRoot")
            .Select(a => a.Value));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(dir.FullName);
        }
        return candidates.FirstOrDefault(IsRoot)
            ?? throw new InvalidOperationException("cannot find the repository root (PubkyCluster.sln and scripts/cluster.sh)");
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
