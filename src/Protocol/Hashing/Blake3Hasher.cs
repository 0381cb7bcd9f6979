using Org.BouncyCastle.Crypto.Digests;

namespace Pubky.Protocol.Hashing;

/// <summary>
/// Incremental BLAKE3-256 over BouncyCastle's <see cref="Blake3Digest"/>: file bodies arrive as a stream of chunks and
/// their content hash must be known when the last chunk has been stored, without buffering the whole body.
/// </summary>
public sealed class Blake3Hasher
{
    /// <summary>BLAKE3's default output: 32 bytes.</summary>
    public const int HashLength = 32;

    private readonly Blake3Digest _digest = new(HashLength * 8);
    private bool _finished;

    /// <summary>Feeds the next piece of input; pieces may have any size, including zero.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ThrowIfFinished();
        _digest.BlockUpdate(data);
    }

    /// <summary>Ends the input and returns the 32-byte hash. The hasher cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        var hash = new byte[HashLength];
        Finish(hash);
        return hash;
    }

    /// <summary>Ends the input and writes the 32-byte hash into <paramref name="destination"/>.</summary>
    public void Finish(Span<byte> destination)
    {
        ThrowIfFinished();
        if (destination.Length < HashLength)
        {
            throw new ArgumentException($"The destination needs {HashLength} bytes.", nameof(destination));
        }
        _digest.DoFinal(destination[..HashLength]);
        _finished = true;
    }

    /// <summary>One-shot BLAKE3-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hasher = new Blake3Hasher();
        hasher.Append(data);
        return hasher.Finish();
    }

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("This BLAKE3 hasher has already produced its hash.");
        }
    }
}
