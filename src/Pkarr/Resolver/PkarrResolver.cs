using System.Collections.Concurrent;
using System.Threading.Channels;
using Pubky.Pkarr.Dht;
using Pubky.Pkarr.Packets;
using Pubky.Pkarr.Relay;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Resolver;

/// <summary>
/// Resolves pkarr keys over the DHT and/or relays with a cache that behaves like pkarr 3.x: a fresh hit is returned
/// as is; an expired hit is still returned at once and refreshed in the background (stale-while-revalidate); a miss
/// waits for the first valid answer while the rest of the query keeps improving the cache. The cache always keeps the
/// most recent packet seen, and expiry counts from when we last saw it, with the TTL clamped, like pkarr 3.10's
/// <c>SignedPacket::expires_in</c> (pkarr/src/signed_packet.rs).
/// </summary>
public sealed class PkarrResolver : IAsyncDisposable
{
    private readonly IMutableItemDht? _dht;
    private readonly PkarrRelayClient? _relays;
    private readonly PkarrResolverOptions _options;
    private readonly BoundedLru<PublicKey, CacheEntry> _cache;
    private readonly ConcurrentDictionary<PublicKey, bool> _refreshing = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly CancellationTokenSource _lifetime = new();
    private long _freshHits;
    private long _staleHits;
    private long _misses;
    private long _failedQueries;

    public PkarrResolver(IMutableItemDht? dht, PkarrRelayClient? relays, PkarrResolverOptions? options = null)
    {
        if (dht is null && relays is null)
        {
            throw new ArgumentException("A resolver needs the DHT, relays, or both.");
        }
        _dht = dht;
        _relays = relays;
        _options = options ?? new PkarrResolverOptions();
        _cache = new BoundedLru<PublicKey, CacheEntry>(_options.CacheCapacity);
    }

    public long FreshHits => Interlocked.Read(ref _freshHits);

    /// <summary>Expired cache entries returned while a background refresh was started.</summary>
    public long StaleHits => Interlocked.Read(ref _staleHits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Queries that ended with an error other than cancellation (all sources failed in an unexpected way).</summary>
    public long FailedQueries => Interlocked.Read(ref _failedQueries);

    /// <summary>The cached packet, without querying or touching expiry.</summary>
    public SignedPacket? Cached(PublicKey key) => _cache.TryGet(key, out var entry) ? entry.Packet : null;

    /// <summary>The cached packet if any (refreshing it in the background when expired), otherwise the first valid answer.</summary>
    public async Task<SignedPacket?> ResolveAsync(PublicKey key, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGet(key, out var entry))
        {
            if (!entry.Packet.IsExpired(entry.LastSeen, _options.Time.GetUtcNow(), _options.MinTtlSeconds, _options.MaxTtlSeconds))
            {
                Interlocked.Increment(ref _freshHits);
                return entry.Packet;
            }
            Interlocked.Increment(ref _staleHits);
            RefreshInBackground(key);
            return entry.Packet;
        }
        Interlocked.Increment(ref _misses);
        var first = new TaskCompletionSource<SignedPacket?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Track(QueryAsync(key, first, _lifetime.Token));
        return await first.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queries every source to the end and returns the most recent packet known afterwards (cache included).</summary>
    public async Task<SignedPacket?> ResolveMostRecentAsync(PublicKey key, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        await QueryAsync(key, null, linked.Token).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Cached(key);
    }

    /// <summary>Completes when the background queries started so far have ended, so tests need not poll the cache.</summary>
    internal Task BackgroundQueriesEnded() => Task.WhenAll(_running.Keys);

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void RefreshInBackground(PublicKey key)
    {
        if (!_refreshing.TryAdd(key, true))
        {
            return;
        }
        Track(RunRefreshAsync());

        async Task RunRefreshAsync()
        {
            try
            {
                await QueryAsync(key, null, _lifetime.Token).ConfigureAwait(false);
            }
            finally
            {
                _refreshing.TryRemove(key, out _);
            }
        }
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, true);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>
    /// Streams answers from every source into the cache; <paramref name="first"/> gets the first kept packet, or the
    /// cache's content (possibly null) when the query ends without one. Never throws.
    /// </summary>
    private async Task QueryAsync(PublicKey key, TaskCompletionSource<SignedPacket?>? first, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.QueryTimeout, _options.Time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await foreach (var packet in AllSources(key, bounded.Token).ConfigureAwait(false))
            {
                var kept = Remember(packet);
                first?.TrySetResult(kept);
            }
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A background query has nobody to report to; the counter is how hosts notice.
            Interlocked.Increment(ref _failedQueries);
        }
        finally
        {
            first?.TrySetResult(Cached(key));
        }
    }

    /// <summary>DHT and relay answers merged in arrival order.</summary>
    private async IAsyncEnumerable<SignedPacket> AllSources(
        PublicKey key, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var merged = Channel.CreateUnbounded<SignedPacket>(new UnboundedChannelOptions { SingleReader = true });
        var cached = Cached(key);
        var pumps = new List<Task>();
        if (_dht is not null)
        {
            pumps.Add(PumpAsync(_dht.GetMutableStreamAsync(key, cancellationToken)));
        }
        if (_relays is not null)
        {
            pumps.Add(PumpAsync(_relays.ResolveStreamAsync(key, cached, cancellationToken)));
        }
        _ = Task.WhenAll(pumps).ContinueWith(t => merged.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        await foreach (var packet in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return packet;
        }

        async Task PumpAsync(IAsyncEnumerable<SignedPacket> source)
        {
            await foreach (var packet in source.ConfigureAwait(false))
            {
                merged.Writer.TryWrite(packet);
            }
        }
    }

    /// <summary>Keeps the most recent packet; seeing the same packet again renews its last-seen time. Returns what is kept.</summary>
    private SignedPacket Remember(SignedPacket packet)
    {
        var now = _options.Time.GetUtcNow();
        var kept = _cache.AddOrUpdate(packet.PublicKey, current =>
        {
            if (current is null || packet.MoreRecentThan(current.Packet))
            {
                return (true, new CacheEntry(packet, now));
            }
            return current.Packet.MoreRecentThan(packet) ? (false, current) : (true, current with { LastSeen = now });
        });
        return kept!.Packet;
    }

    private sealed record CacheEntry(SignedPacket Packet, DateTimeOffset LastSeen);
}
