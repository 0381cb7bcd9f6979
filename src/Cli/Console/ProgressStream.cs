namespace Pubky.Cli.Console;

/// <summary>A read-through stream that reports every tenth of <c>length</c> read, for transfers long enough to need it.</summary>
public sealed class ProgressStream(Stream inner, long length, string label, CliOutput output) : Stream
{
    /// <summary>Bodies below this are sent without progress lines.</summary>
    public const long ReportFrom = 1024 * 1024;

    private long _read;
    private int _reportedTenths;

    public static Stream Wrap(Stream inner, long? length, string label, CliOutput output) =>
        length is { } known && known >= ReportFrom ? new ProgressStream(inner, known, label, output) : inner;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        _read += read;
        var tenths = (int)Math.Min(10, _read * 10 / length);
        if (tenths > _reportedTenths)
        {
            _reportedTenths = tenths;
            output.Progress($"{label}: {tenths * 10}% of {length:N0} bytes");
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
