using Pubky.Client;
using Pubky.Client.Http;
using Pubky.Client.Pkdns;
using Pubky.Client.Transfer;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;
using PubkyCluster.Cluster.Tests.Support;

namespace PubkyCluster.Cluster.Tests;

/// <summary>
/// Credible exit between the two forms: an account moved with the .NET SDK from the cluster (read through one
/// gateway, written through the other) to a single-process homeserver beside it, and its PKARR record switched.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MigrationTests(LocalCluster cluster) : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "pubky-cluster-migration-" + Guid.NewGuid().ToString("N") + ".json");

    [Fact]
    public async Task An_account_on_the_cluster_moves_to_a_single_process_homeserver_and_its_record_follows()
    {
        var relay = new Uri(cluster.Env["CLUSTER_GATEWAY_1_PKARR_RELAY_URL"]);
        await using var single = await SingleProcessHomeserver.StartAsync(cluster, relay);
        var pkdns = new PkdnsClient(new PkarrRelayClient(cluster.Http, [relay]));
        var clusterKey = PublicKey.ParseZ32(LocalCluster.HomeserverZ32);
        var target = new PubkyClient(cluster.Http, new Homeserver(single.ClientUrl, PublicKey.ParseZ32(single.KeyZ32)));
        using var user = Keypair.Random();
        var writer = await new PubkyClient(cluster.Http, new Homeserver(cluster.GatewayA.Client, clusterKey)).SignupAsync(user);
        string[] paths = ["/pub/moving/a.txt", "/pub/moving/deep/b.txt", "/priv/moving/c.txt"];
        foreach (var path in paths)
        {
            await writer.Storage.PutTextAsync(path, "from the cluster: " + path);
        }
        await pkdns.PublishHomeserverAsync(user, clusterKey);

        var source = new PubkyClient(cluster.Http, new Homeserver(cluster.GatewayB.Client, clusterKey));
        var moved = await new Migration(source, target, pkdns, _state).RunAsync(user);

        Assert.Equal(paths.Length, moved.Copied);
        Assert.Equal(target.Homeserver.Key, (await pkdns.ResolveHomeserverAsync(user.PublicKey))!.Key);
        var there = await target.SigninAsync(user);
        foreach (var path in paths)
        {
            Assert.Equal("from the cluster: " + path, await there.Storage.GetTextAsync(path));
        }
    }

    public void Dispose() => File.Delete(_state);
}
