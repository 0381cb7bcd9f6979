using System.Text.Json;
using Pubky.Client.Tests.Support;
using Pubky.Client.Transfer;
using Pubky.Protocol.Keys;
using PubkyCluster.Tests.Node;
using PubkyCluster.Tests.Processes;

namespace Pubky.Client.Tests.Transfer;

/// <summary>What the official JS client (@synonymdev/pubky 0.6.0) sees of an account the SDK moved: it resolves the user through PKARR.</summary>
[Collection(NodeInteropCollection.Name)]
public sealed class OfficialClientTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>, IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "pubky-migration-" + Guid.NewGuid().ToString("N") + ".json");

    [NodeFact]
    public async Task After_a_migration_the_official_client_reads_every_public_file_from_the_new_homeserver_through_pkarr()
    {
        using var user = Keypair.Random();
        var source = await servers.ClientOf(servers.A).SignupAsync(user);
        string[] paths = ["/pub/app/one.txt", "/pub/app/nested/two.txt", "/pub/three.txt"];
        foreach (var path in paths)
        {
            await source.Storage.PutTextAsync(path, "moved " + path);
        }
        await servers.Pkdns().PublishHomeserverAsync(user, servers.ClientOf(servers.A).Homeserver.Key);
        await new Migration(servers.ClientOf(servers.A), servers.ClientOf(servers.B), servers.Pkdns(), _state).RunAsync(user);
        // The source keeps its copies: a stale resolution would read the same text, so the source is changed first.
        foreach (var path in paths)
        {
            await source.Storage.PutTextAsync(path, "left behind");
        }

        var request = JsonSerializer.Serialize(new { relay = servers.RelayUrl.ToString(), addresses = paths.Select(p => $"pubky{user.PublicKey.Z32}{p}") });
        var (exitCode, output, errors) = await BoundedCommand.RunAsync(
            NodeJs.Executable!, [Path.Combine(NodeJs.ScriptsDirectory, "read-public.mjs"), request], TimeSpan.FromSeconds(60), workingDirectory: NodeJs.ScriptsDirectory);

        Assert.True(exitCode == 0, errors);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(paths.Select(p => "moved " + p), results.Select(r => r.GetProperty("text").GetString()));
    }

    public void Dispose() => File.Delete(_state);
}
