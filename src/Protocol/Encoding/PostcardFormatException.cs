namespace Pubky.Protocol.Encoding;

/// <summary>Malformed postcard bytes; the messages are postcard's own, which the reference passes on to clients.</summary>
public sealed class PostcardFormatException : PubkyFormatException
{
    private PostcardFormatException(string message) : base(message)
    {
    }

    public static PostcardFormatException UnexpectedEnd() => new("Hit the end of buffer, expected more data");

    public static PostcardFormatException BadVarint() =>
        new("Found a varint that didn't terminate. Is the usize too big for this platform?");

    public static PostcardFormatException BadUtf8() => new("Tried to decode a &str with bad UTF-8");
}
