
namespace Pubky.Protocol.Encoding;

/// <summary>Writes postcard varints, raw arrays and length-prefixed UTF-8 strings.</summary>
public sealed class PostcardWriter
{
    private readonly MemoryStream _output = new();

    public PostcardWriter WriteFixed(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        return this;
    }

    public PostcardWriter WriteByte(byte value)
    {
        _output.WriteByte(value);
        return this;
    }

    public PostcardWriter WriteVarint(ulong value)
    {
        Varint.Write(value, _output);
        return this;
    }

    public PostcardWriter WriteString(string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        WriteVarint((ulong)bytes.Length);
        return WriteFixed(bytes);
    }

    public byte[] ToArray() => _output.ToArray();
}
