using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PubkyCluster.Storage.Tests.Support;

/// <summary>
/// Azurite's blob and table services for one test run, on free loopback ports, in memory. Installs the pinned Azurite
/// (<c>npm ci</c> from the lockfile under tests/Storage.Tests/Azure/azurite) into .artifacts/azurite-tests when missing,
/// starts <c>node</c> directly for each service and stops each by its own process. Without Node.js nothing starts and
/// <see cref="SkipReason"/> says why.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /// <summary>A folder of its own: scripts/cluster.sh keeps its Azurite in .artifacts/azurite from another lockfile.</summary>
    private const string InstallFolder = "azurite-tests";
    private const string InstalledStamp = "installed-from-package-lock.json";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly List<Process> _services = [];

    public AzuriteFixture()
    {
        if (AzuriteNodeTools.Node is null)
        {
            return;
        }

        var main = EnsureInstalled();
        try
        {
            var blobPort = StartService(Path.Combine(main, "blob", "main.js"), "--blobHost", "127.0.0.1", "--blobPort", "--skipApiVersionCheck", "--loose");
            var tablePort = StartService(Path.Combine(main, "table", "main.js"), "--tableHost", "127.0.0.1", "--tablePort");
            ConnectionString =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
                + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why Azurite is not running, or null when it is.</summary>
    public static string? SkipReason =>
        AzuriteNodeTools.Node is null ? "Node.js ('node') is not on PATH; the Azure storage tests run against Azurite, which needs it." : null;

    /// <summary>The connection string of the running services.</summary>
    public string ConnectionString
    {
        get => field ?? throw new InvalidOperationException(SkipReason ?? "Azurite did not start.");
        private set;
    }

    public void Dispose()
    {
        foreach (var service in _services)
        {
            try
            {
                if (!service.HasExited)
                {
                    service.Kill();
                    service.WaitForExit(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }

            service.Dispose();
        }

        _services.Clear();
    }

    /// <summary>
    /// The absolute path of Azurite's dist/src, installing the pinned version first when it is missing. Test runs in
    /// parallel processes share the folder: an exclusive lock file serialises them, and the install goes to a fresh
    /// folder renamed into place only when complete, so no run ever sees half a node_modules.
    /// </summary>
    private static string EnsureInstalled()
    {
        var artifacts = Path.Combine(AzuriteNodeTools.RepositoryRoot, ".artifacts");
        var installDirectory = Path.Combine(artifacts, InstallFolder);
        var main = Path.Combine(installDirectory, "node_modules", "azurite", "dist", "src");
        var pins = Path.Combine(AzuriteNodeTools.RepositoryRoot, "tests", "Storage.Tests", "Azure", "azurite");
        var lockfile = File.ReadAllText(Path.Combine(pins, "package-lock.json"));
        if (IsInstalled(installDirectory, lockfile))
        {
            return main;
        }

        Directory.CreateDirectory(artifacts);
        using var installLock = AcquireInstallLock(Path.Combine(artifacts, InstallFolder + ".lock"));
        if (IsInstalled(installDirectory, lockfile))
        {
            return main;
        }

        var staging = Path.Combine(artifacts, InstallFolder + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in new[] { "package.json", "package-lock.json" })
            {
                File.Copy(Path.Combine(pins, file), Path.Combine(staging, file));
            }

            RunNpmCi(staging);
            File.WriteAllText(Path.Combine(staging, InstalledStamp), lockfile);
            if (Directory.Exists(installDirectory))
            {
                Directory.Delete(installDirectory, recursive: true);
            }

            Directory.Move(staging, installDirectory);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return main;
    }

    /// <summary>The stamp, written last, holds the lockfile it was installed from: a changed pin reinstalls.</summary>
    private static bool IsInstalled(string installDirectory, string lockfile)
    {
        var stamp = Path.Combine(installDirectory, InstalledStamp);
        return File.Exists(stamp) && File.ReadAllText(stamp) == lockfile;
    }

    /// <summary>Waits (bounded by the install timeout) for the lock file another run may hold while it installs.</summary>
    private static FileStream AcquireInstallLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < InstallTimeout)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static void RunNpmCi(string directory)
    {
        var start = new ProcessStartInfo(AzuriteNodeTools.Npm ?? throw new InvalidOperationException("node is on PATH but npm is not."))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var errors = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEndAsync();
        if (!npm.WaitForExit(InstallTimeout))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci of Azurite did not finish within {InstallTimeout}.");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci of Azurite failed ({npm.ExitCode}): {errors.Result}");
        }
    }

    /// <summary>
    /// Starts one service on a free port (the argument after <paramref name="portOption"/>) and waits, bounded, until
    /// it accepts connections.
    /// </summary>
    private int StartService(string script, string hostOption, string host, string portOption, params string[] extra)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(AzuriteNodeTools.Node!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, hostOption, host, portOption, port.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                     .Concat(["--inMemoryPersistence", "--disableTelemetry", "--silent"])
                     .Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        var service = Process.Start(start) ?? throw new InvalidOperationException($"node {script} did not start.");
        _services.Add(service);
        var errors = service.StandardError.ReadToEndAsync();
        _ = service.StandardOutput.ReadToEndAsync();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"Azurite ({script}) exited with {service.ExitCode}: {errors.Result}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return port;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"Azurite ({script}, pid {service.Id}) did not listen on port {port} within {StartTimeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
