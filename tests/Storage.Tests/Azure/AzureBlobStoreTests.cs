using PubkyCluster.Storage.Azure.Blobs;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using PubkyCluster.Storage.Tests.Support;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Azure;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreContract
{
    protected override Task<OpenedStore<IBlobStore>> OpenAsync(string name) =>
        Task.FromResult(new OpenedStore<IBlobStore>(new AzureBlobStore(AzureStores.Container(azurite, name)), NothingToClose.Instance));

    [AzuriteFact]
    public async Task A_body_larger_than_one_block_reads_back_whole()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        byte[] body = [.. Enumerable.Range(0, AzureBlobUpload.BlockBytes + 12345).Select(i => (byte)(i * 31))];

        await using (var upload = await store.BeginUploadAsync(id))
        {
            for (var offset = 0; offset < body.Length; offset += 100_000)
            {
                await upload.WriteAsync(body.AsMemory(offset, Math.Min(100_000, body.Length - offset)));
            }

            Assert.Null(await store.OpenReadAsync(id));
            await upload.CompleteAsync();
        }

        await using var stream = (await store.OpenReadAsync(id))!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(body, copy.ToArray());
    }

    [AzuriteFact]
    public async Task Completing_an_id_that_exists_is_refused_and_keeps_the_first_body()
    {
        var store = await OpenFreshAsync();
        var id = NewBlobId(NewUser());
        await using (var first = await store.BeginUploadAsync(id))
        {
            await first.WriteAsync(new byte[] { 1 });
            await first.CompleteAsync();
        }

        await using var second = await store.BeginUploadAsync(id);
        await second.WriteAsync(new byte[] { 2 });

        await Assert.ThrowsAsync<IOException>(() => second.CompleteAsync());
        await using var stream = (await store.OpenReadAsync(id))!;
        Assert.Equal(1, stream.ReadByte());
    }

    [AzuriteFact]
    public async Task A_body_of_one_block_is_stored_by_one_request_and_leaves_no_marker()
    {
        var (store, log) = await OpenLoggedAsync();
        var id = NewBlobId(NewUser());

        await UploadOnceAsync(store, id, new byte[AzureBlobUpload.BlockBytes]);

        var sent = Assert.Single(log.Sent);
        Assert.Equal(("PUT", true), (sent.Method, sent.Path.EndsWith("/" + AzureBlobStore.BodyPrefix + id, StringComparison.Ordinal)));
    }

    [AzuriteFact]
    public async Task A_larger_body_is_marked_while_its_blocks_are_staged_and_unmarked_once_committed()
    {
        var (store, log) = await OpenLoggedAsync();
        var id = NewBlobId(NewUser());

        await UploadOnceAsync(store, id, new byte[AzureBlobUpload.BlockBytes + 1]);

        var marker = "/" + AzureBlobStore.UploadPrefix + id;
        Assert.Equal(
            ["PUT " + marker, "PUT stage", "PUT stage", "PUT commit", "DELETE " + marker],
            log.Sent.Select(request => request.Path.EndsWith(marker, StringComparison.Ordinal)
                ? $"{request.Method} {marker}"
                : $"{request.Method} {(request.Query.Contains("comp=blocklist", StringComparison.Ordinal) ? "commit" : "stage")}"));
    }

    /// <summary>A store whose container exists already, and a log of what its client sends from now on.</summary>
    private async Task<(AzureBlobStore Store, RequestLog Log)> OpenLoggedAsync()
    {
        var log = new RequestLog();
        var store = new AzureBlobStore(AzureStores.Container(azurite, NewName(), log));
        await UploadOnceAsync(store, NewBlobId(NewUser()), new byte[1]);
        log.Clear();
        return (store, log);
    }

    private static async Task UploadOnceAsync(IBlobStore store, string id, byte[] body)
    {
        await using var upload = await store.BeginUploadAsync(id);
        await upload.WriteAsync(body);
        await upload.CompleteAsync();
    }
}
