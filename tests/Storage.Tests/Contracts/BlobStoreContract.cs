using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.Bodies;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Contracts;

/// <summary>What every <see cref="IBlobStore"/> must do: nothing partial is readable, readers survive deletes.</summary>
public abstract class BlobStoreContract : StoreContract<IBlobStore>
{
    [Fact]
    public async Task An_upload_is_not_readable_before_it_completes()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());

        await using var upload = await store.BeginUploadAsync(id);
        await upload.WriteAsync(new byte[] { 1, 2, 3 });

        Assert.Null(await store.OpenReadAsync(id));
    }

    [Fact]
    public async Task A_completed_upload_reads_back_whole()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        byte[] body = [.. Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7))];

        await UploadAsync(store, id, body, chunk: 16 * 1024);

        Assert.Equal(body, await ReadAllAsync(store, id));
    }

    [Fact]
    public async Task An_empty_body_is_a_blob()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());

        await UploadAsync(store, id, []);

        Assert.Empty(await ReadAllAsync(store, id));
    }

    [Fact]
    public async Task Disposing_an_upload_without_completing_leaves_nothing()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());

        await using (var upload = await store.BeginUploadAsync(id))
        {
            await upload.WriteAsync(new byte[] { 1, 2, 3 });
        }

        Assert.Null(await store.OpenReadAsync(id));
        Assert.DoesNotContain(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public async Task A_reader_keeps_reading_after_the_blob_is_deleted()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        byte[] body = [.. Enumerable.Range(0, 256 * 1024).Select(i => (byte)i)];
        await UploadAsync(store, id, body);

        await using var reader = (await store.OpenReadAsync(id))!;
        var head = new byte[1024];
        await reader.ReadExactlyAsync(head);
        await store.DeleteAsync(id);
        using var rest = new MemoryStream();
        await reader.CopyToAsync(rest);

        Assert.Equal(body, head.Concat(rest.ToArray()));
        Assert.Null(await store.OpenReadAsync(id));
    }

    [Fact]
    public async Task Deleting_a_missing_blob_is_fine()
    {
        var store = await OpenFreshAsync();

        await store.DeleteAsync(NewBlobId(NewUser()));
    }

    [Fact]
    public async Task A_missing_blob_opens_as_null()
    {
        var store = await OpenFreshAsync();

        Assert.Null(await store.OpenReadAsync(NewBlobId(NewUser())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("über")]
    [InlineData("a b")]
    public async Task Ids_outside_the_id_alphabet_are_rejected(string id)
    {
        var store = await OpenFreshAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.BeginUploadAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.OpenReadAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeleteAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.DeleteIfCreatedBeforeAsync(id, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Listing_by_age_includes_blobs_created_before_the_time_and_not_after()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        await UploadAsync(store, id, [1]);

        Assert.Contains(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.DoesNotContain(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(-1)));
    }

    [Fact]
    public async Task Listing_by_age_includes_an_abandoned_upload_that_stored_a_part()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());

        await using var upload = await store.BeginUploadAsync(id);
        await WriteStoredPartAsync(upload);

        Assert.Contains(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public async Task Deleting_an_abandoned_upload_removes_it_from_the_listing()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        var upload = await store.BeginUploadAsync(id);
        await WriteStoredPartAsync(upload);

        await store.DeleteAsync(id);

        Assert.DoesNotContain(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
        await upload.DisposeAsync();
    }

    [Fact]
    public async Task The_sweepers_delete_takes_a_blob_only_when_it_was_created_before_the_cutoff()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        await UploadAsync(store, id, [1, 2, 3]);

        var tooYoung = await store.DeleteIfCreatedBeforeAsync(id, DateTimeOffset.UtcNow.AddHours(-1));

        Assert.False(tooYoung);
        Assert.Equal([1, 2, 3], await ReadAllAsync(store, id));
        Assert.True(await store.DeleteIfCreatedBeforeAsync(id, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Null(await store.OpenReadAsync(id));
    }

    [Fact]
    public async Task The_sweepers_delete_removes_an_abandoned_upload_created_before_the_cutoff()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        var upload = await store.BeginUploadAsync(id);
        await WriteStoredPartAsync(upload);

        Assert.False(await store.DeleteIfCreatedBeforeAsync(id, DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Contains(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.True(await store.DeleteIfCreatedBeforeAsync(id, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.DoesNotContain(id, await ListBeforeAsync(store, DateTimeOffset.UtcNow.AddHours(1)));
        await upload.DisposeAsync();
    }

    [Fact]
    public async Task Blobs_survive_closing_and_reopening_the_store()
    {
        var name = NewName();
        var store = await OpenNamedAsync(name);
        var id = NewBlobId(NewUser());
        await UploadAsync(store, id, [4, 5, 6]);
        await CloseAllAsync();

        var reopened = await OpenNamedAsync(name);

        Assert.Equal([4, 5, 6], await ReadAllAsync(reopened, id));
    }

    /// <summary>More than any store buffers in memory, so the abandoned upload has stored something to sweep.</summary>
    private static async Task WriteStoredPartAsync(IBlobUpload upload) =>
        await upload.WriteAsync(new byte[IBlobStore.MaxBufferedUploadBytes + 1]);

    private static async Task<List<string>> ListBeforeAsync(IBlobStore store, DateTimeOffset before)
    {
        var ids = new List<string>();
        await foreach (var id in store.ListCreatedBeforeAsync(before))
        {
            ids.Add(id);
        }

        return ids;
    }
}
