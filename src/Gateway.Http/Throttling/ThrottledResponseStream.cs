namespace PubkyCluster.Gateway.Throttling;

/// <summary>
/// A response body that passes each piece through the throttle before writing it, in pieces small enough that a
/// slowed download keeps flowing rather than stalling for a whole chunk's wait.
/// </summary>
public sealed class ThrottledResponseStream(Stream inner, RequestThrottle throttle) : Stream
{
    private const int PieceSize = 16 * 1024;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < buffer.Length; offset += PieceSize)
        {
            var piece = buffer.Slice(offset, Math.Min(PieceSize, buffer.Length - offset));
            await throttle.PassAsync(piece.Length, cancellationToken);
            await inner.WriteAsync(piece, cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // Kestrel disallows synchronous I/O; a throttled body is only ever written asynchronously.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
