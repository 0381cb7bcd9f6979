namespace Pubky.Protocol.Encoding;

/// <summary>
/// A 32-symbol alphabet, 5 bits per character, most significant bits first, no padding.
/// Both alphabets the protocol uses (z-base-32 and Crockford) share this bit layout.
/// </summary>
public sealed class Base32Codec
{
    private readonly string _alphabet;
    private readonly sbyte[] _inverse = new sbyte[128];

    /// <param name="alphabet">The 32 output symbols.</param>
    /// <param name="aliases">Extra input characters and the value each stands for (case variants, look-alikes).</param>
    public Base32Codec(string alphabet, IEnumerable<(char Alias, int Value)> aliases)
    {
        if (alphabet.Length != 32)
        {
            throw new ArgumentException("A base32 alphabet has 32 symbols.", nameof(alphabet));
        }
        _alphabet = alphabet;
        Array.Fill(_inverse, (sbyte)-1);
        for (var i = 0; i < alphabet.Length; i++)
        {
            _inverse[alphabet[i]] = (sbyte)i;
        }
        foreach (var (alias, value) in aliases)
        {
            _inverse[alias] = (sbyte)value;
        }
    }

    public static int EncodedLength(int byteCount) => (byteCount * 8 + 4) / 5;

    public string Encode(ReadOnlySpan<byte> data)
    {
        return string.Create(EncodedLength(data.Length), data.ToArray(), (chars, bytes) =>
        {
            int buffer = 0, bits = 0, index = 0;
            foreach (var b in bytes)
            {
                buffer = ((buffer << 8) | b) & 0xFFFF;
                bits += 8;
                while (bits >= 5)
                {
                    bits -= 5;
                    chars[index++] = _alphabet[(buffer >> bits) & 31];
                }
            }
            if (bits > 0)
            {
                chars[index] = _alphabet[(buffer << (5 - bits)) & 31];
            }
        });
    }

    /// <summary>
    /// Decodes whole bytes. Bits left over in the last character are ignored, as the reference's decoder does,
    /// so callers that need a canonical form re-encode the result.
    /// </summary>
    public bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = c < 128 ? _inverse[c] : -1;
            if (value < 0)
            {
                bytes = [];
                return false;
            }
            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[index++] = (byte)(buffer >> bits);
            }
        }
        bytes = output;
        return true;
    }
}
