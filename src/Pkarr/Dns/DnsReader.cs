using System.Buffers.Binary;

namespace Pubky.Pkarr.Dns;

/// <summary>
/// Bounds-checked cursor over a DNS message. <see cref="End"/> limits the bytes the current field may use (the RDATA
/// of a record), while compression pointers may jump anywhere in the whole message; every overrun is a
/// <see cref="DnsFormatException"/>.
/// </summary>
internal ref struct DnsReader(ReadOnlySpan<byte> message)
{
    /// <summary>Enough for any legal chain (a name has at most 127 labels) while stopping pointer loops.</summary>
    private const int MaxPointerJumps = 128;

    private readonly ReadOnlySpan<byte> _message = message;

    public int Position { get; private set; }

    public int End { get; set; } = message.Length;

    public readonly int Remaining => End - Position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    public string ReadName()
    {
        var labels = new List<byte[]>();
        var wireLength = 1;
        var cursor = Position;
        var limit = End;
        var jumps = 0;
        while (true)
        {
            var length = ByteAt(cursor, limit);
            switch (length & 0xc0)
            {
                case 0x00 when length == 0:
                    if (jumps == 0)
                    {
                        Position = cursor + 1;
                    }
                    return DnsName.Format(labels);
                case 0x00:
                    if (cursor + 1 + length > limit)
                    {
                        throw new DnsFormatException($"Label at offset {cursor} runs past its bounds.");
                    }
                    wireLength += length + 1;
                    if (wireLength > DnsName.MaxWireLength)
                    {
                        throw new DnsFormatException($"Name at offset {Position} is longer than {DnsName.MaxWireLength} bytes.");
                    }
                    labels.Add(_message.Slice(cursor + 1, length).ToArray());
                    cursor += 1 + length;
                    break;
                case 0xc0:
                    var target = ((length & 0x3f) << 8) | ByteAt(cursor + 1, limit);
                    if (jumps == 0)
                    {
                        Position = cursor + 2;
                    }
                    if (++jumps > MaxPointerJumps)
                    {
                        throw new DnsFormatException($"Name at offset {Position} has a compression pointer loop.");
                    }
                    cursor = target;
                    limit = _message.Length;
                    break;
                default:
                    throw new DnsFormatException($"Unsupported label type 0x{length:x2} at offset {cursor}.");
            }
        }
    }

    private readonly byte ByteAt(int offset, int limit) =>
        offset < limit
            ? _message[offset]
            : throw new DnsFormatException($"DNS message ends unexpectedly at offset {offset}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new DnsFormatException($"DNS message ends unexpectedly at offset {Position}.");
        }
        var slice = _message.Slice(Position, count);
        Position += count;
        return slice;
    }
}
