using System.Buffers;
using System.Text;

namespace Pubky.Pkarr.Bencode;

/// <summary>
/// Canonical bencoding: dictionary keys in raw byte order, integers in plain decimal (no '+', no leading zeros, no
/// negative zero). Canonical output matters because BEP44 signatures cover bencoded bytes.
/// </summary>
public static class BencodeEncoder
{
    /// <summary>
    /// Encodes <c>byte[]</c>, <see cref="ReadOnlyMemory{T}"/> of bytes, <c>string</c> (as UTF-8), <c>int</c>,
    /// <c>long</c>, <c>ulong</c>, <see cref="IEnumerable{T}"/> of values and <see cref="BencodeDictionary"/>.
    /// </summary>
    public static byte[] Encode(object value)
    {
        var writer = new ArrayBufferWriter<byte>();
        Write(writer, value);
        return writer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> writer, object value)
    {
        switch (value)
        {
            case byte[] bytes:
                WriteString(writer, bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                WriteString(writer, memory.Span);
                break;
            case string text:
                WriteString(writer, Encoding.UTF8.GetBytes(text));
                break;
            case int integer:
                WriteInteger(writer, (long)integer);
                break;
            case long integer:
                WriteInteger(writer, integer);
                break;
            case ulong integer:
                WriteInteger(writer, integer);
                break;
            case BencodeDictionary dictionary:
                writer.Write("d"u8);
                foreach (var (key, item) in dictionary)
                {
                    WriteString(writer, key);
                    Write(writer, item);
                }
                writer.Write("e"u8);
                break;
            case IEnumerable<object> list:
                writer.Write("l"u8);
                foreach (var item in list)
                {
                    Write(writer, item);
                }
                writer.Write("e"u8);
                break;
            default:
                throw new ArgumentException($"Bencode cannot encode a value of type {value?.GetType().Name ?? "null"}.", nameof(value));
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        WriteDecimal(writer, (ulong)bytes.Length);
        writer.Write(":"u8);
        writer.Write(bytes);
    }

    private static void WriteInteger<T>(ArrayBufferWriter<byte> writer, T integer)
        where T : IUtf8SpanFormattable
    {
        writer.Write("i"u8);
        WriteDecimal(writer, integer);
        writer.Write("e"u8);
    }

    private static void WriteDecimal<T>(ArrayBufferWriter<byte> writer, T integer)
        where T : IUtf8SpanFormattable
    {
        // 20 digits and a sign cover every long and ulong; invariant "D" never pads.
        var span = writer.GetSpan(21);
        integer.TryFormat(span, out var written, "D", System.Globalization.CultureInfo.InvariantCulture);
        writer.Advance(written);
    }
}
