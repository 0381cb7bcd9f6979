namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>
/// The decrypted side of a Pubky TLS connection as the stream Kestrel's HTTP/1.1 pipeline reads requests from and
/// writes responses to (through PipeReader.Create / PipeWriter.Create). Asynchronous only: a synchronous call would
/// park a thread-pool thread on a socket.
/// </summary>
internal sealed class PubkyTlsStream(PubkyTlsChannel channel) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        channel.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(channel.WriteAsync(buffer, cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        channel.WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

    // Every write is sent as it is made (PubkyTlsChannel flushes the transport).
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
