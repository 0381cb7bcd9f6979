using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace PubkyCluster.Bench;

/// <summary>
/// A native client's side of Pubky TLS, with BouncyCastle (wrk cannot): TLS 1.3, ALPN http/1.1, and only a raw public
/// key (RFC 7250) accepted from the server, which must be <paramref name="expected"/>, the key the client dialled.
/// </summary>
public sealed class RawPublicKeyTlsClient(byte[] expected) : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
{
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

    protected override IList<ProtocolName> GetProtocolNames() => [ProtocolName.Http_1_1];

    protected override short[] GetAllowedServerCertificateTypes() => [CertificateType.RawPublicKey];

    public override TlsAuthentication GetAuthentication() => new ExpectedKey(expected);

    private sealed class ExpectedKey(byte[] expected) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var presented = serverCertificate.Certificate.GetCertificateAt(0);
            var key = PublicKeyFactory.CreateKey(presented.GetEncoded()) as Ed25519PublicKeyParameters;
            if (key is null || !key.GetEncoded().AsSpan().SequenceEqual(expected))
            {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, "The server presented another key.");
            }
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
    }
}
