using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Embedded;

public sealed class FileBlobStoreTests(TempDirectory directory) : BlobStoreContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<IBlobStore>> OpenAsync(string name) =>
        Task.FromResult(new OpenedStore<IBlobStore>(new FileBlobStore(directory.For(name)), NothingToClose.Instance));

    [Fact]
    public async Task A_completed_upload_leaves_only_the_final_file_in_its_fan_out_directory()
    {
        var store = new FileBlobStore(directory.For(NewName()));
        var id = NewBlobId(NewUser());

        await using (var upload = await store.BeginUploadAsync(id))
        {
            await upload.WriteAsync(new byte[] { 1 });
            await upload.CompleteAsync();
        }

        var fanOut = Path.Combine(store.RootDirectory, id[..2]);
        Assert.Equal([Path.Combine(fanOut, id)], Directory.GetFiles(fanOut));
    }

    [Fact]
    public async Task Uploading_an_existing_id_again_is_refused()
    {
        var store = new FileBlobStore(directory.For(NewName()));
        var id = NewBlobId(NewUser());
        await using (var upload = await store.BeginUploadAsync(id))
        {
            await upload.CompleteAsync();
        }

        await Assert.ThrowsAsync<IOException>(() => store.BeginUploadAsync(id));
    }
}
