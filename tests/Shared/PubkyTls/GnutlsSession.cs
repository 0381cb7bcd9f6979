using System.Diagnostics;
using System.Text;

namespace PubkyCluster.Tests.PubkyTls;

/// <summary>
/// One gnutls-cli connection to <c>host:port</c>, driven through its stdin and stdout: what it prints about the
/// handshake (<c>--print-cert</c> shows the key the server presented), then the server's bytes as they arrive. The
/// process is stopped by its PID when disposed. Every wait is bounded.
/// </summary>
public sealed class GnutlsSession : IAsyncDisposable
{
    /// <summary>TLS 1.3, and the server must present a raw public key (RFC 7250), nothing else.</summary>
    public const string RawPublicKeyPriority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+CTYPE-SRV-RAWPK:-CTYPE-SRV-X509";

    /// <summary>TLS 1.3 with GnuTLS's default server certificate type: X.509 only.</summary>
    public const string X509OnlyPriority = "NORMAL:-VERS-ALL:+VERS-TLS1.3";

    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<byte> _output = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _reader;

    private GnutlsSession(Process process)
    {
        _process = process;
        _reader = ReadAllAsync();
    }

    /// <summary>All it printed so far, bytes as Latin-1 characters.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return Encoding.Latin1.GetString([.. _output]);
            }
        }
    }

    public static async Task<GnutlsSession> ConnectAsync(int port, string priority = RawPublicKeyPriority, string host = "127.0.0.1")
    {
        // --insecure: a raw public key has no chain to verify; the tests compare the key itself with the PKARR record.
        var start = new ProcessStartInfo(await GnutlsInstall.GnutlsCliAsync(), $"--priority={priority} --insecure --print-cert -p {port} {host}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("gnutls-cli did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new GnutlsSession(process);
    }

    /// <summary>True when the handshake completed, false when gnutls-cli gave up or exited first.</summary>
    public async Task<bool> HandshakeAsync()
    {
        await WaitForAsync(text => text.Contains("- Handshake was completed", StringComparison.Ordinal) || _reader.IsCompleted);
        return Output.Contains("- Handshake was completed", StringComparison.Ordinal);
    }

    /// <summary>The 32-byte Ed25519 key the server presented, from the SubjectPublicKeyInfo --print-cert shows.</summary>
    public byte[] PresentedKey()
    {
        var text = Output;
        const string begin = "-----BEGIN PUBLIC KEY-----", end = "-----END PUBLIC KEY-----";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "gnutls-cli printed no public key:\n" + text);
        var spki = Convert.FromBase64String(text[(from + begin.Length)..to].Trim());
        return spki[^32..];
    }

    /// <summary>Sends <paramref name="request"/> and returns the next complete response after what was printed before.</summary>
    public async Task<TlsHttpResponse> SendAsync(byte[] request)
    {
        var mark = Output.Length;
        await _process.StandardInput.BaseStream.WriteAsync(request);
        await _process.StandardInput.BaseStream.FlushAsync();
        TlsHttpResponse? response = null;
        await WaitForAsync(text => (response = TlsHttpResponse.TryParse(text, mark)) is not null || _reader.IsCompleted);
        return response ?? throw new InvalidOperationException("No complete response over Pubky TLS:\n" + Output[mark..]);
    }

    /// <summary>True once <paramref name="text"/> appears in the output (a streamed response's later part), false after <see cref="Bound"/>.</summary>
    public async Task<bool> ShowsAsync(string text)
    {
        await WaitForAsync(output => output.Contains(text, StringComparison.Ordinal) || _reader.IsCompleted);
        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the output, at most <see cref="Bound"/>.</summary>
    private async Task WaitForAsync(Func<string, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        // Bounded by the timeout: each turn waits for new output or ends.
        while (!condition(Output))
        {
            try
            {
                await _changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadAllAsync()
    {
        var buffer = new byte[16 * 1024];
        var stdout = _process.StandardOutput.BaseStream;
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.AddRange(buffer.AsSpan(0, read));
            }
            _changed.Release();
        }
        _changed.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        await _reader;
        _process.Dispose();
        _changed.Dispose();
    }
}
