using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>The tests name paths as text; the ports take them typed, parsed as the grains parse them.</summary>
public static class TypedPaths
{
    public static WebDavPath P(string path) => WebDavPath.Parse(path);

    public static Task<EntryRecord?> GetEntryAsync(this IUserStore store, string user, string path) =>
        store.GetEntryAsync(user, P(path));

    public static async Task<bool> HasPathCollisionAsync(this IUserStore store, string user, string path) =>
        (await store.InspectWriteAsync(user, P(path))).Collides;

    public static Task<bool> HasEntriesUnderAsync(this IUserStore store, string user, string directory) =>
        store.HasEntriesUnderAsync(user, P(directory));
}
