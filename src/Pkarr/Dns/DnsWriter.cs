using System.Buffers.Binary;

namespace Pubky.Pkarr.Dns;

/// <summary>
/// Appends DNS wire data. When <paramref name="compress"/> is on, names written with compression allowed reuse earlier
/// suffixes through RFC 1035 pointers; suffixes match byte for byte so decoding gives back the exact labels.
/// </summary>
internal sealed class DnsWriter(bool compress)
{
    private const int MaxPointerOffset = 0x3fff;

    private readonly Dictionary<string, int> _suffixOffsets = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[512];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes a 16-bit value at an earlier offset, for RDLENGTH once the RDATA is known.</summary>
    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset, 2), value);

    /// <param name="name"></param>
    /// <param name="allowCompression">False for SVCB/HTTPS TargetName, which RFC 9460 forbids compressing.</param>
    public void WriteName(string name, bool allowCompression)
    {
        var labels = DnsName.Parse(name);
        var useCompression = compress && allowCompression;
        for (var i = 0; i < labels.Count; i++)
        {
            if (useCompression)
            {
                var suffix = DnsName.Format(labels, i);
                if (_suffixOffsets.TryGetValue(suffix, out var offset))
                {
                    WriteUInt16((ushort)(0xc000 | offset));
                    return;
                }
                if (Length <= MaxPointerOffset)
                {
                    _suffixOffsets[suffix] = Length;
                }
            }
            WriteByte((byte)labels[i].Length);
            WriteBytes(labels[i]);
        }
        WriteByte(0);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
