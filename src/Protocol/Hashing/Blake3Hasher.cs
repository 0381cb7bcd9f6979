namespace Pubky.Protocol.Hashing;

/// <summary>
/// Incremental BLAKE3-256 over the managed SIMD <see cref="Blake3.Hasher"/>: file bodies arrive as a stream of chunks
/// and their content hash must be known when the last chunk has been stored, without buffering the whole body.
/// </summary>
public sealed class Blake3Hasher
{
    /// <summary>BLAKE3's default output: 32 bytes.</summary>
    public const int HashLength = 32;

    // Holds only the chunk and chaining-value state, a few KiB whatever the input size: Update never keeps the input.
    private readonly Blake3.Hasher _state = Blake3.Hasher.New();
    private bool _finished;

    /// <summary>Feeds the next piece of input; pieces may have any size, including zero.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ThrowIfFinished();
        _state.Update(data);
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
        // The package's Finalize writes as many XOF bytes as the span holds, so the slice keeps the output at 32.
        _state.Finalize(destination[..HashLength]);
        _finished = true;
        // Wipes the state: the input may be a secret (the pubkyauth client secret of HttpRelayChannel).
        _state.Dispose();
    }

    /// <summary>One-shot BLAKE3-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashLength];
        // The all-at-once path skips the incremental bookkeeping; a 32-byte output is exactly the default hash.
        Blake3.Hasher.Hash(data, hash);
        return hash;
    }

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("This BLAKE3 hasher has already produced its hash.");
        }
    }
}
