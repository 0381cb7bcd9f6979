using System.Numerics;
using System.Security.Cryptography;

namespace Pubky.Pkarr.Krpc;

/// <summary>
/// A 160-bit DHT identifier: node ids, BEP44 targets and info hashes share this space, and closeness between them is
/// the XOR metric, so one type carries the distance arithmetic for all of them.
/// </summary>
public sealed class NodeId : IEquatable<NodeId>
{
    public const int Length = 20;

    /// <summary>Number of distinct non-zero distances, hence of routing-table buckets.</summary>
    public const int Bits = Length * 8;

    private readonly byte[] _bytes;

    private NodeId(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static NodeId Random() => new(RandomNumberGenerator.GetBytes(Length));

    /// <exception cref="KrpcFormatException">The input is not exactly 20 bytes.</exception>
    public static NodeId FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new NodeId(bytes.ToArray())
            : throw new KrpcFormatException($"A node id is {Length} bytes; got {bytes.Length}.");

    /// <summary>
    /// Bit length of <c>this XOR other</c>: 0 for the same id, 160 when the top bit differs. Routing-table buckets are
    /// indexed by it (bucket i holds ids at distance 2^(i-1)..2^i-1).
    /// </summary>
    public int DistanceBits(NodeId other)
    {
        for (var i = 0; i < Length; i++)
        {
            var diff = (byte)(_bytes[i] ^ other._bytes[i]);
            if (diff != 0)
            {
                return (Length - i) * 8 - BitOperations.LeadingZeroCount((uint)diff) + 24;
            }
        }
        return 0;
    }

    /// <summary>Orders <paramref name="a"/> and <paramref name="b"/> by XOR distance to this id (negative: a is closer).</summary>
    public int CompareDistance(NodeId a, NodeId b)
    {
        for (var i = 0; i < Length; i++)
        {
            var da = a._bytes[i] ^ _bytes[i];
            var db = b._bytes[i] ^ _bytes[i];
            if (da != db)
            {
                return da.CompareTo(db);
            }
        }
        return 0;
    }

    public bool Equals(NodeId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as NodeId);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
