using Microsoft.Extensions.Caching.Memory;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// Full pages of the public <c>/events/</c> feed, as the bytes served, by (cursor, limit). Event ids become visible in
/// commit order and are never removed (README, "How writes and reads are paid for"), so once the page after a cursor
/// holds <c>limit</c> events no event can join or leave it: a full page never changes and needs no validation. A
/// shorter page, the feed's tail, is never kept. Indexers that scan the feed from the start read these pages.
/// </summary>
public sealed class FeedPageCache(IOptions<FeedPageCacheOptions> options) : IDisposable
{
    private readonly long _maxBytes = options.Value.MaxBytes;
    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MaxBytes) });

    public byte[]? Get(long cursor, int limit) => _pages.TryGetValue((cursor, limit), out byte[]? page) ? page : null;

    /// <summary>Keeps <paramref name="page"/> when it is full: <paramref name="events"/> equals <paramref name="limit"/>.</summary>
    public void Offer(long cursor, int limit, int events, byte[] page)
    {
        if (_maxBytes > 0 && limit > 0 && events == limit && page.Length <= _maxBytes)
        {
            _pages.Set((cursor, limit), page, new MemoryCacheEntryOptions { Size = Math.Max(1, page.Length) });
        }
    }

    public void Dispose() => _pages.Dispose();
}
