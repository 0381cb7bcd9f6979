namespace Pubky.Protocol.Encoding;

/// <summary>Unsigned LEB128 varints as postcard writes them (lengths, counts and u64 values).</summary>
public static class Varint
{
    /// <summary>The longest encoding of a u64: ten groups of seven bits.</summary>
    public const int MaxLength = 10;

    public static void Write(ulong value, Stream output)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        output.Write(buffer[..Write(value, buffer)]);
    }

    public static int Write(ulong value, Span<byte> destination)
    {
        var index = 0;
        while (value >= 0x80)
        {
            destination[index++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[index++] = (byte)value;
        return index;
    }

    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    /// <summary>Reads a varint; false when the input ends first or the value does not fit in 64 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed)
    {
        value = 0;
        for (var i = 0; i < MaxLength && i < source.Length; i++)
        {
            var b = source[i];
            if (i == MaxLength - 1 && b > 1)
            {
                break;
            }
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                consumed = i + 1;
                return true;
            }
        }
        value = 0;
        consumed = 0;
        return false;
    }
}
