using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Sweeping;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Sweeping;

/// <summary>
/// The sweeper over the real embedded stores (the SQLite index and files in a temporary directory). The sweeper's fake
/// clock is set from the write time the file store recorded, so no test waits or depends on how fast it runs.
/// </summary>
public sealed class EmbeddedSweepTests(TempDirectory directory) : IClassFixture<TempDirectory>, IAsyncLifetime
{
    private static readonly TimeSpan GracePeriod = new OrphanBlobSweeperOptions().GracePeriod;
    private static readonly byte[] Body = [1, 2, 3];

    private readonly EmbeddedDatabase _database = new(directory.For(Guid.NewGuid().ToString("N")));
    private readonly FileBlobStore _blobs = new(directory.For(Guid.NewGuid().ToString("N")));
    private readonly FakeTimeProvider _clock = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_upload_killed_between_blob_write_and_commit_is_swept_once_the_grace_period_has_passed()
    {
        var blobId = await WriteBlobAsync();
        _clock.SetUtcNow(WrittenAt(BodyFile(blobId)) + GracePeriod);

        var atTheGracePeriod = await Sweeper(_blobs).SweepAsync();
        var keptThen = await ExistsAsync(blobId);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var pastIt = await Sweeper(_blobs).SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(0, 0), atTheGracePeriod);
        Assert.True(keptThen);
        Assert.Equal(new OrphanBlobSweepResult(1, 1), pastIt);
        Assert.Null(await _blobs.OpenReadAsync(blobId));
    }

    [Fact]
    public async Task An_upload_killed_before_it_completed_is_swept_once_the_grace_period_has_passed()
    {
        var blobId = NewBlobId(NewUser());
        // Neither completed nor disposed: the process died in the middle of the body.
        var upload = await _blobs.BeginUploadAsync(blobId);
        await upload.WriteAsync(Body);
        var temporary = BodyFile(blobId) + ".tmp";
        _clock.SetUtcNow(WrittenAt(temporary) + GracePeriod);

        var atTheGracePeriod = await Sweeper(_blobs).SweepAsync();
        var keptThen = File.Exists(temporary);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var pastIt = await Sweeper(_blobs).SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(0, 0), atTheGracePeriod);
        Assert.True(keptThen);
        Assert.Equal(new OrphanBlobSweepResult(1, 1), pastIt);
        Assert.False(File.Exists(temporary));
        await upload.DisposeAsync();
    }

    [Fact]
    public async Task A_committed_blob_is_never_swept_however_old_it_gets()
    {
        var users = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(users)).User;
        var blobId = await WriteBlobAsync();
        await PutAsync(users, user, "/pub/kept.txt", Body.Length, blobId);
        _clock.SetUtcNow(WrittenAt(BodyFile(blobId)) + GracePeriod + TimeSpan.FromSeconds(1));

        var results = new List<OrphanBlobSweepResult>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            results.Add(await Sweeper(_blobs).SweepAsync());
            _clock.Advance(TimeSpan.FromDays(365));
        }

        Assert.All(results, result => Assert.Equal(new OrphanBlobSweepResult(1, 0), result));
        Assert.Equal(Body, await ReadAllAsync(blobId));
    }

    /// <summary>
    /// A client stalled for longer than the grace period, so its unfinished upload is listed and found unreferenced;
    /// then, before the sweeper's delete, the upload completes and its commit lands (its commit is on time: the body
    /// has only just become durable). The delete must spare the body the new entry names.
    /// </summary>
    [Fact]
    public async Task A_body_completed_and_committed_while_the_sweeper_checks_its_stalled_upload_is_kept()
    {
        var users = new SqliteUserStore(_database);
        var user = (await CreateUserAsync(users)).User;
        var blobId = NewBlobId(user);
        var upload = await _blobs.BeginUploadAsync(blobId);
        await upload.WriteAsync(Body);
        var temporary = BodyFile(blobId) + ".tmp";
        var stalledSince = WrittenAt(temporary) - 2 * GracePeriod;
        File.SetLastWriteTimeUtc(temporary, stalledSince.UtcDateTime);
        _clock.SetUtcNow(stalledSince + GracePeriod + TimeSpan.FromSeconds(1));
        var racing = new RacingBlobStore(_blobs, async _ =>
        {
            await upload.CompleteAsync();
            await upload.DisposeAsync();
            await PutAsync(users, user, "/pub/late.txt", Body.Length, blobId);
        });

        var result = await Sweeper(racing, users).SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(1, 0), result);
        Assert.True(await users.IsBlobReferencedAsync(blobId));
        Assert.Equal(Body, await ReadAllAsync(blobId));
    }

    private OrphanBlobSweeper Sweeper(IBlobStore blobs, IUserStore? users = null) =>
        new(blobs, users ?? new SqliteUserStore(_database), Options.Create(new OrphanBlobSweeperOptions()), _clock);

    /// <summary>A body written through the port and completed: durable, but no entry names it yet.</summary>
    private Task<string> WriteBlobAsync() => Bodies.UploadAsync(_blobs, NewBlobId(NewUser()), Body);

    private Task<bool> ExistsAsync(string blobId) => Bodies.ExistsAsync(_blobs, blobId);

    private Task<byte[]> ReadAllAsync(string blobId) => Bodies.ReadAllAsync(_blobs, blobId);

    /// <summary>Where the file store keeps a body (Storage/Embedded/Blobs/FileBlobStore.cs: fanned out by the id's first two characters).</summary>
    private string BodyFile(string blobId) => Path.Combine(_blobs.RootDirectory, blobId[..2], blobId);

    /// <summary>The time the file store treats as the blob's creation.</summary>
    private static DateTimeOffset WrittenAt(string file) => new(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
}
