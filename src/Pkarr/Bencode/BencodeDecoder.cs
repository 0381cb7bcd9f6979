namespace Pubky.Pkarr.Bencode;

/// <summary>
/// Tolerant but safe bencode reader for datagrams from strangers: accepts dictionary keys in any order and keeps unknown
/// keys, but refuses anything ambiguous or hostile (leading zeros, negative zero, duplicate keys, lengths beyond the
/// input, trailing bytes, deep nesting) with a <see cref="BencodeFormatException"/>.
/// </summary>
public static class BencodeDecoder
{
    /// <summary>KRPC messages nest three or four levels; this leaves room while bounding the recursion.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>
    /// Decodes exactly one value: <c>byte[]</c> for strings, <c>long</c> for integers,
    /// <see cref="IReadOnlyList{T}"/> of values for lists and <see cref="BencodeDictionary"/> for dictionaries.
    /// </summary>
    public static object Decode(ReadOnlySpan<byte> input, int maxDepth = DefaultMaxDepth)
    {
        var position = 0;
        var value = ReadValue(input, ref position, maxDepth);
        if (position != input.Length)
        {
            throw new BencodeFormatException($"Unexpected bytes after the bencoded value at offset {position}.");
        }
        return value;
    }

    private static object ReadValue(ReadOnlySpan<byte> input, ref int position, int depthLeft)
    {
        var marker = Peek(input, position);
        switch (marker)
        {
            case (byte)'i':
                position++;
                return ReadInteger(input, ref position, (byte)'e');
            case (byte)'l':
            case (byte)'d':
                if (depthLeft <= 0)
                {
                    throw new BencodeFormatException("Bencoded value is nested too deeply.");
                }
                position++;
                return marker == (byte)'l'
                    ? ReadList(input, ref position, depthLeft - 1)
                    : ReadDictionary(input, ref position, depthLeft - 1);
            case >= (byte)'0' and <= (byte)'9':
                return ReadString(input, ref position);
            default:
                throw new BencodeFormatException($"Unexpected byte 0x{marker:x2} at offset {position}.");
        }
    }

    private static List<object> ReadList(ReadOnlySpan<byte> input, ref int position, int depthLeft)
    {
        var list = new List<object>();
        while (Peek(input, position) != (byte)'e')
        {
            list.Add(ReadValue(input, ref position, depthLeft));
        }
        position++;
        return list;
    }

    private static BencodeDictionary ReadDictionary(ReadOnlySpan<byte> input, ref int position, int depthLeft)
    {
        var dictionary = new BencodeDictionary();
        while (Peek(input, position) != (byte)'e')
        {
            if (Peek(input, position) is < (byte)'0' or > (byte)'9')
            {
                throw new BencodeFormatException($"Dictionary key at offset {position} is not a byte string.");
            }
            var keyOffset = position;
            var key = ReadString(input, ref position);
            if (!dictionary.TryAdd(key, ReadValue(input, ref position, depthLeft)))
            {
                throw new BencodeFormatException($"Duplicate dictionary key at offset {keyOffset}.");
            }
        }
        position++;
        return dictionary;
    }

    private static byte[] ReadString(ReadOnlySpan<byte> input, ref int position)
    {
        var start = position;
        var length = ReadInteger(input, ref position, (byte)':');
        if (length < 0)
        {
            throw new BencodeFormatException($"Negative string length at offset {start}.");
        }
        if (length > input.Length - position)
        {
            throw new BencodeFormatException($"String length {length} at offset {start} runs past the end of the input.");
        }
        var bytes = input.Slice(position, (int)length).ToArray();
        position += (int)length;
        return bytes;
    }

    /// <summary>Reads canonical decimal digits up to <paramref name="terminator"/>, which is consumed.</summary>
    private static long ReadInteger(ReadOnlySpan<byte> input, ref int position, byte terminator)
    {
        var start = position;
        var negative = Peek(input, position) == (byte)'-';
        if (negative)
        {
            position++;
        }
        var firstDigit = position;
        // Accumulate negatively so long.MinValue is representable.
        long value = 0;
        while (Peek(input, position) is >= (byte)'0' and <= (byte)'9' and var digit)
        {
            if (value < (long.MinValue + (digit - '0')) / 10)
            {
                throw new BencodeFormatException($"Integer at offset {start} does not fit in 64 bits.");
            }
            value = value * 10 - (digit - '0');
            position++;
        }
        var digits = position - firstDigit;
        if (digits == 0)
        {
            throw new BencodeFormatException($"Expected digits at offset {firstDigit}.");
        }
        if (input[firstDigit] == (byte)'0' && (digits > 1 || negative))
        {
            throw new BencodeFormatException($"Non-canonical integer (leading zero or negative zero) at offset {start}.");
        }
        if (Peek(input, position) != terminator)
        {
            throw new BencodeFormatException($"Expected '{(char)terminator}' at offset {position}.");
        }
        position++;
        if (negative)
        {
            return value;
        }
        if (value == long.MinValue)
        {
            throw new BencodeFormatException($"Integer at offset {start} does not fit in 64 bits.");
        }
        return -value;
    }

    private static byte Peek(ReadOnlySpan<byte> input, int position) =>
        position < input.Length
            ? input[position]
            : throw new BencodeFormatException("Bencoded input ends unexpectedly.");
}
