using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pubky.Pkarr.Krpc;

/// <summary>
/// BEP 5's compact encodings: a peer is 6 bytes (IPv4 ‖ port, big-endian) and a node is 26 bytes (id ‖ peer). Only
/// IPv4 exists in these formats; IPv6 contacts are skipped when encoding.
/// </summary>
public static class CompactFormats
{
    public const int PeerLength = 6;
    public const int NodeLength = NodeId.Length + PeerLength;

    public static byte[] EncodeEndPoint(IPEndPoint endPoint)
    {
        var bytes = new byte[PeerLength];
        WriteEndPoint(endPoint, bytes);
        return bytes;
    }

    /// <exception cref="KrpcFormatException">Not exactly 6 bytes.</exception>
    public static IPEndPoint DecodeEndPoint(ReadOnlySpan<byte> bytes) =>
        bytes.Length == PeerLength
            ? new IPEndPoint(new IPAddress(bytes[..4]), BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]))
            : throw new KrpcFormatException($"A compact peer is {PeerLength} bytes; got {bytes.Length}.");

    /// <summary>Concatenated 26-byte entries for the IPv4 contacts among <paramref name="contacts"/>.</summary>
    public static byte[] EncodeNodes(IEnumerable<NodeContact> contacts)
    {
        var ipv4 = contacts.Where(c => c.EndPoint.AddressFamily == AddressFamily.InterNetwork).ToList();
        var bytes = new byte[ipv4.Count * NodeLength];
        for (var i = 0; i < ipv4.Count; i++)
        {
            var entry = bytes.AsSpan(i * NodeLength, NodeLength);
            ipv4[i].Id.Bytes.CopyTo(entry);
            WriteEndPoint(ipv4[i].EndPoint, entry[NodeId.Length..]);
        }
        return bytes;
    }

    /// <exception cref="KrpcFormatException">The length is not a multiple of 26.</exception>
    public static IReadOnlyList<NodeContact> DecodeNodes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % NodeLength != 0)
        {
            throw new KrpcFormatException($"Compact nodes come in {NodeLength}-byte entries; got {bytes.Length} bytes.");
        }
        var contacts = new NodeContact[bytes.Length / NodeLength];
        for (var i = 0; i < contacts.Length; i++)
        {
            var entry = bytes.Slice(i * NodeLength, NodeLength);
            contacts[i] = new NodeContact(NodeId.FromBytes(entry[..NodeId.Length]), DecodeEndPoint(entry[NodeId.Length..]));
        }
        return contacts;
    }

    private static void WriteEndPoint(IPEndPoint endPoint, Span<byte> destination)
    {
        if (endPoint.AddressFamily != AddressFamily.InterNetwork || !endPoint.Address.TryWriteBytes(destination[..4], out _))
        {
            throw new ArgumentException($"Only IPv4 endpoints have a compact form; got {endPoint}.", nameof(endPoint));
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)endPoint.Port);
    }
}
