using System.Collections.Concurrent;
using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Packets;

/// <summary>
/// Issues publish timestamps in microseconds that strictly increase per key within this process, because the timestamp
/// is the packet's version: two packets signed in the same microsecond (or after the clock stepped back) must still
/// order correctly.
/// </summary>
internal static class PacketTimestamps
{
    private static readonly ConcurrentDictionary<PublicKey, ulong> LastIssued = new();

    public static ulong Next(PublicKey key, TimeProvider time)
    {
        var now = (ulong)((time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        return LastIssued.AddOrUpdate(key, now, (_, last) => Math.Max(now, last + 1));
    }
}
