using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Embedded.Database;
using PubkyCluster.Storage.Embedded.Users;
using PubkyCluster.Storage.Ports;
using PubkyCluster.Storage.Tests.Contracts;
using PubkyCluster.Storage.Tests.Infrastructure;
using static PubkyCluster.Storage.Tests.Infrastructure.Bodies;
using static PubkyCluster.Storage.Tests.Infrastructure.GrainLikeWriter;

namespace PubkyCluster.Storage.Tests.Embedded;

/// <summary>The embedded profile's bodies: small ones as database rows, larger ones as files.</summary>
public sealed class EmbeddedBlobStoreTests(TempDirectory directory) : BlobStoreContract, IClassFixture<TempDirectory>
{
    protected override Task<OpenedStore<IBlobStore>> OpenAsync(string name) =>
        Task.FromResult(EmbeddedStores.Open<IBlobStore>(directory, name, database => Store(database, name)));

    [Fact]
    public async Task A_body_of_up_to_the_inline_limit_is_stored_as_a_row_without_a_file()
    {
        await using var opened = Fresh();
        var (_, store, files) = opened;
        var id = NewBlobId(NewUser());

        await UploadAsync(store, id, new byte[EmbeddedBlobStore.InlineBytes]);

        Assert.Empty(Directory.GetFiles(files, "*", SearchOption.AllDirectories));
        Assert.Equal(EmbeddedBlobStore.InlineBytes, (await ReadAllAsync(store, id)).Length);
    }

    [Fact]
    public async Task A_body_past_the_inline_limit_is_moved_to_a_file_and_reads_back_whole()
    {
        await using var opened = Fresh();
        var (_, store, files) = opened;
        var id = NewBlobId(NewUser());

        await UploadAsync(store, id, new byte[EmbeddedBlobStore.InlineBytes + 1]);

        Assert.Single(Directory.GetFiles(files, id, SearchOption.AllDirectories));
        Assert.Equal(EmbeddedBlobStore.InlineBytes + 1, (await ReadAllAsync(store, id)).Length);
    }

    [Fact]
    public async Task A_commit_that_replaces_an_entry_deletes_its_inline_body_in_the_same_transaction()
    {
        await using var opened = Fresh();
        var (database, store, _) = opened;
        var users = new SqliteUserStore(database);
        var user = (await CreateUserAsync(users)).User;
        var first = NewBlobId(user);
        await UploadAsync(store, first, new byte[10]);
        await PutAsync(users, user, "/pub/a", blobId: first);
        await UploadAsync(store, NewBlobId(user), new byte[10]);
        var commitsBefore = database.CommitCount;

        await PutAsync(users, user, "/pub/a");

        Assert.Equal(commitsBefore + 1, database.CommitCount);
        Assert.Null(await store.OpenReadAsync(first));
    }

    /// <summary>A database and a store in a directory of their own, and the store's file directory.</summary>
    private Opened Fresh()
    {
        var name = NewName();
        var database = new EmbeddedDatabase(directory.For(name));
        return new Opened(database, Store(database, name), FilesOf(name));
    }

    private EmbeddedBlobStore Store(EmbeddedDatabase database, string name) =>
        new(database, new FileBlobStore(FilesOf(name)), TimeProvider.System);

    private string FilesOf(string name) => Path.Combine(directory.For(name), "blobs");

    private sealed record Opened(EmbeddedDatabase Database, EmbeddedBlobStore Store, string Files) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }
}
