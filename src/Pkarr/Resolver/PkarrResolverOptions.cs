using Pubky.Pkarr.Packets;

namespace Pubky.Pkarr.Resolver;

/// <summary>Cache and timing of <see cref="PkarrResolver"/> (pkarr defaults).</summary>
public sealed record PkarrResolverOptions
{
    /// <summary>TTL clamp: a packet is cached at least this long...</summary>
    public uint MinTtlSeconds { get; init; } = SignedPacket.DefaultMinTtl;

    /// <summary>...and at most this long, whatever its records say.</summary>
    public uint MaxTtlSeconds { get; init; } = SignedPacket.DefaultMaxTtl;

    /// <summary>Keys kept in the cache, least recently used evicted.</summary>
    public int CacheCapacity { get; init; } = 1000;

    /// <summary>Upper bound on one query over all sources, foreground or background.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of cache expiry and of the query timeout.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
