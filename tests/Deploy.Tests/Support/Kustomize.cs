using PubkyCluster.Tests.Processes;

namespace PubkyCluster.Deploy.Tests.Support;

/// <summary><c>kubectl kustomize</c>, bounded in time; a missing kubectl fails the test with what to install.</summary>
public static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RenderAsync(string directory)
    {
        (int ExitCode, string Output, string Errors) result;
        try
        {
            result = await BoundedCommand.RunAsync("kubectl", ["kustomize", directory], Timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "kubectl is not on PATH: these tests render deploy/k8s with 'kubectl kustomize'; install kubectl (it includes Kustomize).", e);
        }

        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({result.ExitCode}): {result.Errors}");
    }
}
