using System.Buffers;
using System.IO.Pipelines;
using Org.BouncyCastle.Tls;

namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>
/// BouncyCastle's TLS engine in its non-blocking mode (TlsProtocol.OfferInput / ReadOutput) driven over Kestrel's raw
/// transport pipe, so no thread ever blocks on a socket: ciphertext read from the transport is offered to the engine,
/// and whatever the engine has to send (handshake messages, records, alerts) is written back. The engine is not
/// thread-safe and Kestrel reads and writes a connection at once, so every use of it holds one gate.
/// </summary>
internal sealed class PubkyTlsChannel(TlsServerProtocol protocol, IDuplexPipe transport) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Runs the handshake to its end. False when the client went away first; a <see cref="TlsFatalAlert"/> (or another
    /// <see cref="IOException"/>) when it sent something the engine refuses, after the alert has been sent to it.
    /// </summary>
    public async Task<bool> HandshakeAsync(PubkyTlsServer server, CancellationToken cancel)
    {
        await UseAsync(() => protocol.Accept(server), cancel);
        // Bounded: each turn consumes transport input, which ends or is cut off by the handshake timeout.
        while (!server.HandshakeCompleted)
        {
            if (!await ReceiveAsync(cancel))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Decrypted application data into <paramref name="buffer"/>; 0 once the client closed the connection.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel)
    {
        // Bounded like the handshake: each turn that finds no plaintext consumes transport input or ends.
        while (true)
        {
            // -1: nothing decrypted yet and the connection still open.
            var read = await UseAsync(() => protocol.GetAvailableInputBytes() > 0 ? ReadPlaintext(buffer.Span) : protocol.IsClosed ? 0 : -1, cancel);
            if (read >= 0)
            {
                return read;
            }
            if (!await ReceiveAsync(cancel))
            {
                return 0;
            }
        }
    }

    public Task WriteAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancel) =>
        UseAsync(() => protocol.WriteApplicationData(plaintext.Span), cancel);

    /// <summary>Sends close_notify (RFC 8446 6.1) unless the connection is closed already.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await UseAsync(() =>
            {
                if (!protocol.IsClosed)
                {
                    protocol.Close();
                }
            }, CancellationToken.None);
        }
        catch (IOException)
        {
            // The client is gone; there is nobody left to tell.
        }
        _gate.Dispose();
    }

    /// <summary>One read of ciphertext from the transport, offered to the engine. False at the end of the transport's input.</summary>
    private async Task<bool> ReceiveAsync(CancellationToken cancel)
    {
        var result = await transport.Input.ReadAsync(cancel);
        var ciphertext = result.Buffer;
        try
        {
            if (!ciphertext.IsEmpty)
            {
                await UseAsync(() => Offer(ciphertext), cancel);
            }
        }
        finally
        {
            transport.Input.AdvanceTo(ciphertext.End);
        }
        return !(result.IsCompleted || result.IsCanceled) || !ciphertext.IsEmpty;
    }

    // The engine's buffer-taking calls want arrays: pooled ones stand in for Kestrel's memory.
    private int ReadPlaintext(Span<byte> buffer)
    {
        var copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = protocol.ReadInput(copy, 0, buffer.Length);
            copy.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private void Offer(ReadOnlySequence<byte> ciphertext)
    {
        var copy = ArrayPool<byte>.Shared.Rent((int)ciphertext.Length);
        try
        {
            ciphertext.CopyTo(copy);
            protocol.OfferInput(copy, 0, (int)ciphertext.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Runs <paramref name="step"/> on the engine under the gate and sends what it produced, also when it threw (a fatal alert).</summary>
    private async Task<T> UseAsync<T>(Func<T> step, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            try
            {
                return step();
            }
            finally
            {
                await SendPendingAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task UseAsync(Action step, CancellationToken cancel) => UseAsync(() =>
    {
        step();
        return 0;
    }, cancel);

    private async ValueTask SendPendingAsync()
    {
        var pending = protocol.GetAvailableOutputBytes();
        if (pending == 0)
        {
            return;
        }
        var copy = ArrayPool<byte>.Shared.Rent(pending);
        try
        {
            var read = protocol.ReadOutput(copy, 0, pending);
            transport.Output.Write(copy.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
        await transport.Output.FlushAsync();
    }
}
