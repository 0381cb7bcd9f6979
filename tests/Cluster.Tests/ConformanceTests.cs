using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>The official client's conformance suite (tests/Conformance, external mode) against gateway A of the cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConformanceTests(LocalCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task The_official_client_conformance_suite_passes_against_a_gateway_of_the_cluster()
    {
        var gateway = cluster.GatewayA;
        var counts = Path.Combine(cluster.StateDirectory, "conformance.counts");
        File.Delete(counts);
        var result = await ScriptRunner.RunAsync("bash", [Path.Combine(LocalCluster.RepositoryRoot, "tests", "Conformance", "run.sh")],
            TimeSpan.FromMinutes(9), new Dictionary<string, string>
            {
                ["CONFORMANCE_EXTERNAL_CLIENT_PORT"] = gateway.ClientPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CONFORMANCE_EXTERNAL_ADMIN_PORT"] = gateway.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CONFORMANCE_EXTERNAL_PKARR_RELAY_PORT"] = gateway.PkarrRelayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CONFORMANCE_EXTERNAL_HTTP_RELAY_PORT"] = gateway.HttpRelayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CONFORMANCE_EXTERNAL_ADMIN_PASSWORD"] = LocalCluster.AdminPassword,
                ["CONFORMANCE_COUNTS_FILE"] = counts,
                ["CONFORMANCE_SERVER_LOGS"] = Path.Combine(cluster.Logs, "conformance"),
            });
        output.WriteLine(result.Tail(120));

        Assert.False(result.TimedOut, "run.sh did not finish within 9 minutes");
        Assert.True(File.Exists(counts), "run.sh wrote no counts file");
        var parts = File.ReadAllText(counts).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var passed = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var failed = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"conformance against {gateway}: {passed} passed, {failed} failed");
        Assert.Equal(0, failed);
        Assert.True(passed >= 50, $"only {passed} conformance tests ran");
        Assert.Equal(0, result.ExitCode);
    }
}
