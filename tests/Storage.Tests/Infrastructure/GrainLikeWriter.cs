using System.Security.Cryptography;
using System.Text;
using PubkyCluster.Storage.Ports;
using static PubkyCluster.Storage.Tests.Infrastructure.TypedPaths;

namespace PubkyCluster.Storage.Tests.Infrastructure;

/// <summary>
/// Writes the way a user grain does: read the current entry, compute the usage deltas (length + 256 per file), and
/// commit expecting the blob id it read (and the user's version, when the test has one).
/// </summary>
public static class GrainLikeWriter
{
    public const long Overhead = 256;

    public static string NewUser() => "user" + Guid.NewGuid().ToString("N");

    /// <summary>A fresh id naming its owner, as the gateway makes them.</summary>
    public static string NewBlobId(string owner) => BlobIds.New(owner);

    /// <summary>A stand-in for the BLAKE3 hash: 32 bytes that differ per path and length.</summary>
    public static byte[] HashOf(string path, long length) => SHA256.HashData(Encoding.UTF8.GetBytes($"{path}:{length}"));

    public static async Task<UserRecord> CreateUserAsync(IUserStore store, string? user = null)
    {
        var record = new UserRecord(user ?? NewUser(), TestClock.Next(), false, QuotaRecord.Default, 0, 0, null);
        Assert.True(await store.TryCreateUserAsync(record));
        return record;
    }

    public static async Task<EventRecord> PutAsync(IUserStore store, string user, string path, long length = 10, string? blobId = null) =>
        (await CommitPutAsync(store, user, path, version: null, length, blobId)).Event;

    /// <summary>
    /// A PUT as the user grain makes it: one inspection of the path for the current entry, then a commit expecting that
    /// entry and, when given, the user's version (from its last read or receipt).
    /// </summary>
    public static async Task<CommitReceipt> CommitPutAsync(
        IUserStore store, string user, string path, string? version, long length = 10, string? blobId = null)
    {
        var current = (await store.InspectWriteAsync(user, P(path))).Current;
        var at = TestClock.Next();
        var entry = new EntryRecord(
            blobId ?? NewBlobId(user), HashOf(path, length), length, "text/plain", current?.CreatedAt ?? at, at);
        var delta = current is null ? length + Overhead : length - current.ContentLength;
        return await store.CommitAsync(
            new EntryChange(user, P(path), current?.BlobId, entry, delta, current is null ? 1 : 0, at, version));
    }

    /// <summary>The change that writes a new file of 1 byte at <paramref name="path"/>, without reading anything.</summary>
    public static EntryChange NewFile(string user, string path, string? version = null)
    {
        var at = TestClock.Next();
        var entry = new EntryRecord(NewBlobId(user), HashOf(path, 1), 1, "text/plain", at, at);
        return new EntryChange(user, P(path), null, entry, 1 + Overhead, 1, at, version);
    }

    public static async Task<EventRecord> DeleteAsync(IUserStore store, string user, string path)
    {
        var current = await store.GetEntryAsync(user, path) ?? throw new InvalidOperationException($"No entry at {path}.");
        var change = new EntryChange(user, P(path), current.BlobId, null, -(current.ContentLength + Overhead), -1, TestClock.Next());
        return (await store.CommitAsync(change)).Event;
    }

    /// <summary>Creates the user and writes a file (of 1 byte) at each path.</summary>
    public static async Task<string> SeedAsync(IUserStore store, params string[] paths)
    {
        var user = (await CreateUserAsync(store)).User;
        foreach (var path in paths)
        {
            await PutAsync(store, user, path, 1);
        }

        return user;
    }
}
