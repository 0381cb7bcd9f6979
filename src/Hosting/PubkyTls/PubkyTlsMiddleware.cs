using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using PubkyCluster.Hosting.Homeserver;

namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>
/// Kestrel connection middleware for the Pubky TLS port, in the place Kestrel's own HTTPS middleware takes: it runs
/// the raw-public-key handshake over the raw transport, then hands the HTTP pipeline a transport of plaintext, so the
/// port serves exactly what the plain client port serves. .NET's SslStream has no raw-public-key mode (RFC 7250),
/// hence BouncyCastle's TLS engine.
/// </summary>
internal sealed class PubkyTlsMiddleware(ConnectionDelegate next, HomeserverIdentity identity, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// A client that connects and stalls holds a socket and a little memory; this bounds how long. Generous next to a
    /// handshake's one round trip (Kestrel's own TLS handshake timeout is 10 s).
    /// </summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly BcTlsCrypto _crypto = new(new SecureRandom());

    private readonly Ed25519PrivateKeyParameters _key = new(identity.Keypair.Secret());

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var channel = new PubkyTlsChannel(new TlsServerProtocol(), connection.Transport);
        await using (channel)
        {
            if (!await HandshakeAsync(connection, channel))
            {
                return;
            }
            var plaintext = new PubkyTlsStream(channel);
            var transport = connection.Transport;
            connection.Transport = new PlaintextPipe(PipeReader.Create(plaintext), PipeWriter.Create(plaintext));
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        }
    }

    private async Task<bool> HandshakeAsync(ConnectionContext connection, PubkyTlsChannel channel)
    {
        using var timeout = new CancellationTokenSource(HandshakeTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed);
        try
        {
            return await channel.HandshakeAsync(new PubkyTlsServer(_crypto, _key), cancel.Token);
        }
        catch (IOException e)
        {
            PubkyTlsLog.HandshakeRefused(logger, connection.RemoteEndPoint?.ToString(), e.Message);
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            PubkyTlsLog.HandshakeTimedOut(logger, connection.RemoteEndPoint?.ToString(), HandshakeTimeout);
            return false;
        }
    }

    private sealed record PlaintextPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
