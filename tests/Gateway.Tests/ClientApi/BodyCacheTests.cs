using Microsoft.Extensions.Options;
using PubkyCluster.Gateway.ClientApi;
using PubkyCluster.Storage.Embedded.Blobs;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Gateway.Tests.ClientApi;

/// <summary>The gateway's small-body cache over the real file blob store: read once, then served from memory by blob id.</summary>
public sealed class BodyCacheTests : IDisposable
{
    private const string Owner = "o1bzy7whmhfcd1uqcoqbbjjwhu6d5pmbnsah5bftnbjuygrfjqzo";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pubky-bodycache-" + Guid.NewGuid().ToString("N"));
    private readonly FileBlobStore _blobs;

    public BodyCacheTests() => _blobs = new FileBlobStore(_directory);

    [Fact]
    public async Task A_small_body_read_once_is_served_from_memory_without_the_blob_store()
    {
        using var cache = Cache(new BodyCacheOptions());
        var blobId = await StoreAsync([1, 2, 3]);
        await cache.GetAsync(blobId, 3, CancellationToken.None);
        await _blobs.DeleteAsync(blobId);

        var body = await cache.GetAsync(blobId, 3, CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, body);
    }

    [Fact]
    public async Task A_body_whose_blob_is_gone_and_was_never_cached_reads_as_null()
    {
        using var cache = Cache(new BodyCacheOptions());

        Assert.Null(await cache.GetAsync(BlobIds.New(Owner), 3, CancellationToken.None));
    }

    [Fact]
    public void Bodies_above_the_size_limit_are_left_to_streaming()
    {
        using var cache = Cache(new BodyCacheOptions { MaxBodyBytes = 1024 });

        Assert.True(cache.Holds(1024));
        Assert.False(cache.Holds(1025));
    }

    [Fact]
    public void A_cache_of_zero_bytes_holds_nothing()
    {
        using var cache = Cache(new BodyCacheOptions { MaxBytes = 0, MaxBodyBytes = 0 });

        Assert.False(cache.Holds(0));
    }

    [Fact]
    public void A_body_limit_above_the_cache_size_is_refused_naming_the_key()
    {
        var result = new BodyCacheOptionsValidator().Validate(null, new BodyCacheOptions { MaxBytes = 10, MaxBodyBytes = 11 });

        Assert.Contains("BodyCache:MaxBodyBytes", result.FailureMessage);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private BodyCache Cache(BodyCacheOptions options) => new(Options.Create(options), _blobs);

    private async Task<string> StoreAsync(byte[] body)
    {
        var blobId = BlobIds.New(Owner);
        await using var upload = await _blobs.BeginUploadAsync(blobId);
        await upload.WriteAsync(body);
        await upload.CompleteAsync();
        return blobId;
    }
}
