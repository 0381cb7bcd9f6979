using System.Diagnostics;
using System.Text;

namespace PubkyCluster.Bench;

/// <summary>
/// GETs one after another on each of a few keep-alive connections, for a fixed time: requests per second over all of
/// them. The same loop runs over plain TCP and over Pubky TLS, so the two differ only in the stream.
/// </summary>
public static class KeepAliveGets
{
    public static async Task<double> RunAsync(Func<Stream> connect, byte[] request, int expectedBodyLength, int connections, double seconds)
    {
        var stop = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        var counts = new long[connections];
        var loops = Enumerable.Range(0, connections).Select(i => Task.Factory.StartNew(() =>
        {
            using var stream = connect();
            var reader = new ResponseReader(stream);
            // Bounded by the measuring time.
            while (stop.Elapsed < limit)
            {
                stream.Write(request);
                stream.Flush();
                if (reader.ReadBodyLength() != expectedBodyLength)
                {
                    throw new BenchFailure("a GET answered another body");
                }
                counts[i]++;
            }
        }, TaskCreationOptions.LongRunning));
        // Blocking reads on threads of their own: BouncyCastle's TLS stream is synchronous.
        await Task.WhenAll(loops);
        return counts.Sum() / stop.Elapsed.TotalSeconds;
    }

    /// <summary>Reads one HTTP/1.1 response with a Content-Length (status 200 only) and returns that length.</summary>
    private sealed class ResponseReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public int ReadBodyLength()
        {
            int headersEnd;
            // Bounded: each turn reads more of the response or fails at the end of the stream.
            while ((headersEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                Fill();
            }
            var headers = Encoding.ASCII.GetString(_buffer, _start, headersEnd);
            if (!headers.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal))
            {
                throw new BenchFailure("a GET was not answered 200: " + headers.Split("\r\n")[0]);
            }
            var length = int.Parse(headers.Split("\r\n")
                .First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..]);
            _start += headersEnd + 4;
            while (_end - _start < length)
            {
                Fill();
            }
            _start += length;
            return length;
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                throw new BenchFailure("the server closed a keep-alive connection");
            }
            _end += read;
        }
    }
}
