using System.Collections.Concurrent;

namespace Pubky.Protocol.Keys;

/// <summary>
/// Keys already found to be curve points, by their z32 form: a server sees the same few keys on every request, and the
/// point check (BouncyCastle) was 7 % of a GET's CPU (issue 9's profile). Bounded: when full it starts over, which costs
/// one check per key again and never grows.
/// </summary>
internal static class ValidatedKeys
{
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, PublicKey> Keys = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, PublicKey>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Keys.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryGet(ReadOnlySpan<char> z32, out PublicKey key) => BySpan.TryGetValue(z32, out key!);

    public static void Add(PublicKey key)
    {
        if (Keys.Count >= Capacity)
        {
            Keys.Clear();
        }
        Keys.TryAdd(key.Z32, key);
    }
}
