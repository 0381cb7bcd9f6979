using System.Text;

namespace Pubky.Protocol.Encoding;

/// <summary>
/// Reads the postcard encoding the reference uses for AuthTokens and SessionInfo: varints, raw fixed-size arrays and
/// length-prefixed UTF-8 strings. Errors carry postcard's own messages, which the reference returns to clients.
/// </summary>
public ref struct PostcardReader(ReadOnlySpan<byte> input)
{
    private ReadOnlySpan<byte> _remaining = input;

    public readonly int Remaining => _remaining.Length;

    public ReadOnlySpan<byte> ReadFixed(int length)
    {
        if (_remaining.Length < length)
        {
            throw PostcardFormatException.UnexpectedEnd();
        }
        var value = _remaining[..length];
        _remaining = _remaining[length..];
        return value;
    }

    public byte ReadByte() => ReadFixed(1)[0];

    public ulong ReadVarint()
    {
        if (Varint.TryRead(_remaining, out var value, out var consumed))
        {
            _remaining = _remaining[consumed..];
            return value;
        }
        // A varint that runs off the end is "unexpected end"; one that never terminates within ten bytes is "bad varint".
        throw _remaining.Length < Varint.MaxLength && _remaining.IndexOfAnyExceptInRange((byte)0x80, (byte)0xFF) < 0
            ? PostcardFormatException.UnexpectedEnd()
            : PostcardFormatException.BadVarint();
    }

    public string ReadString()
    {
        var length = ReadVarint();
        if (length > (ulong)_remaining.Length)
        {
            throw PostcardFormatException.UnexpectedEnd();
        }
        var bytes = ReadFixed((int)length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw PostcardFormatException.BadUtf8();
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
