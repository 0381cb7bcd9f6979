using System.Diagnostics;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary><c>kubectl kustomize</c>, bounded in time; a missing kubectl fails the test with what to install.</summary>
public static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RenderAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "kubectl is not on PATH: these tests render deploy/k8s with 'kubectl kustomize'; install kubectl (it includes Kustomize).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {directory} did not finish within {Timeout.TotalSeconds} s.");
            }
            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {await errors}");
        }
    }
}
