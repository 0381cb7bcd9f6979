using PubkyCluster.Tests.Processes;

namespace PubkyCluster.Tests.PubkyTls;

/// <summary>
/// Makes sure GnuTLS's command-line client (Debian package gnutls-bin) is there, installing it with apt-get when it is
/// missing (apt-get update first only when the plain install fails). Each step is bounded (BoundedCommand kills it by its PID).
/// </summary>
public static class GnutlsInstall
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The path of gnutls-cli; fails the test with apt-get's output when it cannot be had.</summary>
    public static Task<string> GnutlsCliAsync() => Installed.Value;

    private static async Task<string> InstallAsync()
    {
        if (Find() is { } present)
        {
            return present;
        }
        var log = await RunAsync("apt-get", "install -y gnutls-bin");
        if (Find() is null)
        {
            log += await RunAsync("apt-get", "update");
            log += await RunAsync("apt-get", "install -y gnutls-bin");
        }
        return Find() ?? throw new InvalidOperationException("gnutls-cli is missing and apt-get could not install gnutls-bin:\n" + log);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "gnutls-cli"))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string program, string arguments)
    {
        try
        {
            var (exitCode, output, errors) = await BoundedCommand.RunAsync(program, arguments.Split(' '), StepTimeout);
            return $"$ {program} {arguments} (exit {exitCode})\n{output}{errors}\n";
        }
        catch (TimeoutException e)
        {
            return e.Message + "\n";
        }
    }
}
