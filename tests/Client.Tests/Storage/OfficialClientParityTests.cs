using System.Text.Json;
using Pubky.Client.Sessions;
using Pubky.Client.Storage;
using Pubky.Client.Tests.Support;
using Pubky.Protocol.Keys;
using PubkyCluster.Tests.Node;
using PubkyCluster.Tests.Processes;

namespace Pubky.Client.Tests.Storage;

/// <summary>The SDK's answers to public reads beside the official JS client's (@synonymdev/pubky 0.6.0) for the same calls on the same files.</summary>
[Collection(NodeInteropCollection.Name)]
public sealed class OfficialClientParityTests(TwoHomeservers servers) : IClassFixture<TwoHomeservers>
{
    private static readonly string[] Files = ["/pub/par/a.txt", "/pub/par/b/c.json", "/pub/par/b/d.txt", "/pub/par/e-f.txt", "/pub/par/e/g.txt"];

    private async Task<PubkySession> UserAsync(Keypair user)
    {
        var session = await servers.ClientOf(servers.A).SignupAsync(user);
        foreach (var path in Files)
        {
            await session.Storage.PutTextAsync(path, path.EndsWith(".json", StringComparison.Ordinal) ? "{\"path\":\"" + path + "\"}" : "text of " + path);
        }
        await servers.Pkdns().PublishHomeserverAsync(user, servers.ClientOf(servers.A).Homeserver.Key);
        return session;
    }

    private async Task<List<JsonElement>> OfficialAsync(params object[] ops)
    {
        var request = JsonSerializer.Serialize(new { relay = servers.RelayUrl.ToString(), ops });
        var (exitCode, output, errors) = await BoundedCommand.RunAsync(
            NodeJs.Executable!, [Path.Combine(NodeJs.ScriptsDirectory, "public-answers.mjs"), request], TimeSpan.FromSeconds(60),
            workingDirectory: NodeJs.ScriptsDirectory);
        Assert.True(exitCode == 0, errors);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.All(results, r => Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString()));
        return [.. results.Select(r => r.GetProperty("value"))];
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [NodeFact]
    public async Task Listings_deep_shallow_reversed_limited_and_after_a_cursor_are_the_official_clients()
    {
        using var user = Keypair.Random();
        await UserAsync(user);
        var address = $"pubky{user.PublicKey.Z32}/pub/par/";
        var sdk = servers.ClientOf(servers.A).Public;
        var deep = await sdk.ListAsync(user.PublicKey, "/pub/par/");
        var shallow = await sdk.ListAsync(user.PublicKey, "/pub/par/", new ListOptions(Shallow: true));
        var reversed = await sdk.ListAsync(user.PublicKey, "/pub/par/", new ListOptions(Limit: 2, Reverse: true));
        var after = await sdk.ListAsync(user.PublicKey, "/pub/par/", new ListOptions(Limit: 2, Cursor: deep[1]));

        var official = await OfficialAsync(
            new { op = "list", address },
            new { op = "list", address, shallow = true },
            new { op = "list", address, limit = 2, reverse = true },
            new { op = "list", address, limit = 2, cursor = deep[1] });

        Assert.Equal(Strings(official[0]), deep);
        Assert.Equal(Strings(official[1]), shallow);
        Assert.Equal(Strings(official[2]), reversed);
        Assert.Equal(Strings(official[3]), after);
    }

    [NodeFact]
    public async Task Stats_existence_and_text_are_the_official_clients()
    {
        using var user = Keypair.Random();
        await UserAsync(user);
        var sdk = servers.ClientOf(servers.A).Public;
        var json = await sdk.StatsAsync(user.PublicKey, "/pub/par/b/c.json");

        var official = await OfficialAsync(
            new { op = "stats", address = $"pubky{user.PublicKey.Z32}/pub/par/b/c.json" },
            new { op = "stats", address = $"pubky{user.PublicKey.Z32}/pub/par/missing.txt" },
            new { op = "exists", address = $"pubky{user.PublicKey.Z32}/pub/par/a.txt" },
            new { op = "exists", address = $"pubky{user.PublicKey.Z32}/pub/par/missing.txt" },
            new { op = "getText", address = $"pubky{user.PublicKey.Z32}/pub/par/a.txt" });

        Assert.Equal(official[0].GetProperty("contentLength").GetInt64(), json!.ContentLength);
        Assert.Equal(official[0].GetProperty("contentType").GetString(), json.ContentType);
        Assert.Equal(official[0].GetProperty("etag").GetString()!.Trim('"'), json.ContentHash);
        Assert.Equal(JsonValueKind.Null, official[1].ValueKind);
        Assert.Null(await sdk.StatsAsync(user.PublicKey, "/pub/par/missing.txt"));
        Assert.Equal(official[2].GetBoolean(), await sdk.ExistsAsync(user.PublicKey, "/pub/par/a.txt"));
        Assert.Equal(official[3].GetBoolean(), await sdk.ExistsAsync(user.PublicKey, "/pub/par/missing.txt"));
        Assert.Equal(official[4].GetString(), await sdk.GetTextAsync(user.PublicKey, "/pub/par/a.txt"));
    }
}
