using Pubky.Pkarr.Bencode;

namespace Pubky.Pkarr.Krpc;

/// <summary>
/// Strict readers for the fields a handler relies on, so a hostile peer cannot smuggle a wrong-sized key, signature or
/// target past us; each failure is a <see cref="KrpcFormatException"/> that the node turns into a drop or error 203.
/// </summary>
public static class KrpcFields
{
    public static byte[] RequireBytes(BencodeDictionary body, string key, int length)
    {
        var value = RequireBytes(body, key);
        return value.Length == length
            ? value
            : throw new KrpcFormatException($"'{key}' must be {length} bytes; got {value.Length}.");
    }

    public static byte[] RequireBytes(BencodeDictionary body, string key) =>
        body.TryGetBytes(key, out var value) ? value : throw new KrpcFormatException($"Missing byte string '{key}'.");

    /// <summary>Present and exactly <paramref name="length"/> bytes, absent (null), or malformed (throws).</summary>
    public static byte[]? OptionalBytes(BencodeDictionary body, string key, int length) =>
        body.TryGetValue(key, out _) ? RequireBytes(body, key, length) : null;

    public static long RequireInteger(BencodeDictionary body, string key) =>
        body.TryGetInteger(key, out var value) ? value : throw new KrpcFormatException($"Missing integer '{key}'.");

    public static long? OptionalInteger(BencodeDictionary body, string key) =>
        body.TryGetValue(key, out _) ? RequireInteger(body, key) : null;

    public static NodeId RequireId(BencodeDictionary body, string key) => NodeId.FromBytes(RequireBytes(body, key, NodeId.Length));

    /// <summary>The compact <c>nodes</c> list, empty when absent.</summary>
    public static IReadOnlyList<NodeContact> Nodes(BencodeDictionary body) =>
        body.TryGetValue("nodes", out _) ? CompactFormats.DecodeNodes(RequireBytes(body, "nodes")) : [];

}
