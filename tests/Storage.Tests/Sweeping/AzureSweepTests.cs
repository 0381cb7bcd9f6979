using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PubkyCluster.Storage.Azure.Blobs;
using PubkyCluster.Storage.Azure.Users;
using PubkyCluster.Storage.Sweeping;
using PubkyCluster.Storage.Tests.Azure;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Sweeping;

/// <summary>
/// The sweeper over the Azure stores on Azurite, where a body's reference lives in the partition of the user its id
/// names. The sweeper's fake clock stands a grace period (and a minute for skew) past the moment the bodies were written.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureSweepTests(AzuriteFixture azurite)
{
    private static readonly byte[] Body = [1, 2, 3];

    private readonly AzureBlobStore _blobs = new(AzureStores.Container(azurite, Guid.NewGuid().ToString("N")));
    private readonly AzureUserStore _users = new(AzureStores.Tables(azurite, Guid.NewGuid().ToString("N")));

    [AzuriteFact]
    public async Task An_unreferenced_and_an_overwritten_body_are_swept_and_the_current_one_is_kept()
    {
        var user = (await CreateUserAsync(_users)).User;
        var orphan = await WriteBlobAsync(NewBlobId(user));
        var overwritten = await WriteBlobAsync(NewBlobId(user));
        var current = await WriteBlobAsync(NewBlobId(user));
        await PutAsync(_users, user, "/pub/a", Body.Length, overwritten);
        await PutAsync(_users, user, "/pub/a", Body.Length, current);

        var result = await Sweeper().SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(3, 2), result);
        Assert.False(await ExistsAsync(orphan));
        Assert.False(await ExistsAsync(overwritten));
        Assert.True(await ExistsAsync(current));
    }

    [AzuriteFact]
    public async Task A_committed_body_is_never_swept_while_its_entry_holds_it_and_is_once_the_entry_is_deleted()
    {
        var user = (await CreateUserAsync(_users)).User;
        var kept = await WriteBlobAsync(NewBlobId(user));
        await PutAsync(_users, user, "/pub/kept", Body.Length, kept);

        var whileHeld = await Sweeper().SweepAsync();
        await DeleteAsync(_users, user, "/pub/kept");
        var afterDelete = await Sweeper().SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(1, 0), whileHeld);
        Assert.Equal(new OrphanBlobSweepResult(1, 1), afterDelete);
        Assert.False(await ExistsAsync(kept));
    }

    [AzuriteFact]
    public async Task A_body_whose_id_names_no_owner_is_never_swept()
    {
        var unattributed = await WriteBlobAsync(Guid.NewGuid().ToString("N"));

        var result = await Sweeper().SweepAsync();

        Assert.Equal(new OrphanBlobSweepResult(1, 0), result);
        Assert.True(await ExistsAsync(unattributed));
    }

    private OrphanBlobSweeper Sweeper()
    {
        var options = new OrphanBlobSweeperOptions();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + options.GracePeriod + TimeSpan.FromMinutes(1));
        return new OrphanBlobSweeper(_blobs, _users, Options.Create(options), clock);
    }

    private Task<string> WriteBlobAsync(string blobId) => Bodies.UploadAsync(_blobs, blobId, Body);

    private Task<bool> ExistsAsync(string blobId) => Bodies.ExistsAsync(_blobs, blobId);
}
