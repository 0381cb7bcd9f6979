using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.X509;

namespace PubkyCluster.Hosting.PubkyTls;

/// <summary>
/// The server side of one Pubky TLS handshake: TLS 1.3 only, the homeserver's Ed25519 key presented as a raw public
/// key (RFC 7250) and signing with Ed25519 (RFC 8446 4.4.3), ALPN http/1.1. This is what the reference configures in
/// rustls (pubky-homeserver's Pubky TLS listener, via pkarr's raw-public-key server config). A client that does not
/// accept a raw public key for the server gets a handshake_failure alert: there is no X.509 certificate to fall back to.
/// </summary>
internal sealed class PubkyTlsServer(BcTlsCrypto crypto, Ed25519PrivateKeyParameters key) : DefaultTlsServer(crypto)
{
    public bool HandshakeCompleted { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

    // Kestrel serves HTTP/1.1 over the decrypted stream; h2 would need its TLS feature and is not offered.
    protected override IList<ProtocolName> GetProtocolNames() => [ProtocolName.Http_1_1];

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        // RFC 7250 4.2: without the extension the client only takes X.509.
        var accepted = TlsExtensionsUtilities.GetServerCertificateTypeExtensionClient(clientExtensions);
        if (accepted is null || !accepted.Contains(CertificateType.RawPublicKey))
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The client does not accept a raw public key.");
        }
        base.ProcessClientExtensions(clientExtensions);
    }

    // The certificate's type is what AbstractTlsServer.GetServerExtensions answers the client's server_certificate_type with.
    public override TlsCredentials GetCredentials()
    {
        var publicKey = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key.GeneratePublicKey());
        var certificate = new Certificate(
            CertificateType.RawPublicKey, TlsUtilities.EmptyBytes, [new CertificateEntry(new BcTlsRawKeyCertificate(crypto, publicKey), null)]);
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(m_context), crypto, key, certificate, SignatureAndHashAlgorithm.ed25519);
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        HandshakeCompleted = true;
    }
}
