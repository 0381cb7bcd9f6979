namespace Pubky.Pkarr.Bencode;

/// <summary>
/// Orders byte strings by their raw unsigned bytes (a shorter prefix first), the order BEP 3 requires for dictionary keys.
/// </summary>
public sealed class ByteStringComparer : IComparer<byte[]>
{
    public static readonly ByteStringComparer Instance = new();

    private ByteStringComparer()
    {
    }

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
