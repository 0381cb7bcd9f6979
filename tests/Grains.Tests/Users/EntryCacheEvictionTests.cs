using PubkyCluster.Grains.Users;
using PubkyCluster.Storage.Ports;

namespace PubkyCluster.Grains.Tests.Users;

/// <summary>The cache's bound: a full cache gives up its least recently used entry.</summary>
public sealed class EntryCacheEvictionTests
{
    private static readonly EntryRecord Entry = new("blob", new byte[32], 3, "text/plain", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_full_cache_evicts_the_least_recently_used_entry()
    {
        var cache = new EntryCache(capacity: 2);
        cache.Set("/pub/a", Entry);
        cache.Set("/pub/b", Entry);
        cache.TryGet("/pub/a", out _);

        cache.Set("/pub/c", Entry);

        Assert.True(cache.TryGet("/pub/a", out _));
        Assert.False(cache.TryGet("/pub/b", out _));
        Assert.True(cache.TryGet("/pub/c", out _));
    }

    [Fact]
    public void Setting_a_cached_path_again_replaces_its_entry_without_taking_another_slot()
    {
        var cache = new EntryCache(capacity: 2);
        cache.Set("/pub/a", Entry);
        cache.Set("/pub/b", Entry);

        cache.Set("/pub/a", null);

        Assert.True(cache.TryGet("/pub/a", out var entry));
        Assert.Null(entry);
        Assert.True(cache.TryGet("/pub/b", out _));
    }

    [Fact]
    public void A_cache_of_size_zero_remembers_nothing()
    {
        var cache = new EntryCache(capacity: 0);

        cache.Set("/pub/a", Entry);

        Assert.False(cache.TryGet("/pub/a", out _));
    }
}
