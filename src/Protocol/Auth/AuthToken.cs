using System.Buffers.Binary;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Encoding;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Auth;

/// <summary>
/// The signed token a user presents to sign up or sign in (postcard, version 0):
/// signature(64) ‖ "PUBKY:AUTH"(10) ‖ version(1) ‖ timestamp(8, big-endian µs) ‖ public key(32) ‖ capabilities (string).
/// The signature covers bytes[65..], i.e. it skips the first namespace byte: a quirk of the reference kept for
/// compatibility.
/// </summary>
public sealed class AuthToken
{
    public const int SignedFrom = 65;
    public const int VersionOffset = 74;
    private const int TimestampOffset = 75;
    private const int KeyOffset = 83;
    private const int CapabilitiesOffset = 115;

    /// <summary>Tokens larger than this are refused outright; a real one is a few hundred bytes.</summary>
    public const int MaxEncodedLength = 64 * 1024;

    private static ReadOnlySpan<byte> Namespace => "PUBKY:AUTH"u8;

    private readonly byte[] _encoded;

    private AuthToken(byte[] encoded, ulong timestampMicros, PublicKey publicKey, CapabilityList capabilities)
    {
        _encoded = encoded;
        TimestampMicros = timestampMicros;
        PublicKey = publicKey;
        Capabilities = capabilities;
    }

    /// <summary>When the signer made the token, in microseconds since the Unix epoch.</summary>
    public ulong TimestampMicros { get; }

    /// <summary>The user the token is for; the only source of the user's key at signup and signin.</summary>
    public PublicKey PublicKey { get; }

    public CapabilityList Capabilities { get; }

    /// <summary>
    /// The replay id: timestamp ‖ public key (bytes 75..115), unique per token because a signer never reuses a timestamp.
    /// </summary>
    public string ReplayId => Convert.ToHexStringLower(_encoded.AsSpan(TimestampOffset, CapabilitiesOffset - TimestampOffset));

    public ReadOnlySpan<byte> Encoded => _encoded;

    public static AuthToken Sign(Keypair signer, CapabilityList capabilities, ulong timestampMicros)
    {
        var writer = new PostcardWriter()
            .WriteFixed(new byte[Signatures.Length])
            .WriteFixed(Namespace)
            .WriteByte(0);
        Span<byte> timestamp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(timestamp, timestampMicros);
        var encoded = writer.WriteFixed(timestamp)
            .WriteFixed(signer.PublicKey.Bytes)
            .WriteString(capabilities.ToString())
            .ToArray();
        signer.Sign(encoded.AsSpan(SignedFrom), encoded.AsSpan(0, Signatures.Length));
        return new AuthToken(encoded, timestampMicros, signer.PublicKey, capabilities);
    }

    /// <summary>
    /// Decodes without checking time or signature (see <see cref="AuthTokenVerifier"/>). Bytes after the capabilities
    /// are ignored, as postcard does; they are still covered by the signature.
    /// </summary>
    public static AuthToken Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedLength)
        {
            throw new InvalidAuthTokenException(AuthTokenError.Malformed, "AuthToken is too large");
        }
        if (bytes.Length > VersionOffset && bytes[VersionOffset] != 0)
        {
            throw new InvalidAuthTokenException(AuthTokenError.UnknownVersion, "Unknown version");
        }
        try
        {
            var reader = new PostcardReader(bytes);
            reader.ReadFixed(Signatures.Length);
            reader.ReadFixed(Namespace.Length);
            reader.ReadByte();
            var timestamp = BinaryPrimitives.ReadUInt64BigEndian(reader.ReadFixed(8));
            var keyBytes = reader.ReadFixed(PublicKey.Length);
            var capabilities = reader.ReadString();
            if (!PublicKey.TryFromBytes(keyBytes, out var key))
            {
                throw new InvalidAuthTokenException(
                    AuthTokenError.Malformed, "Invalid Ed25519 publickey; Cannot decompress Edwards point");
            }
            return new AuthToken(bytes.ToArray(), timestamp, key, CapabilityList.Parse(capabilities));
        }
        catch (PostcardFormatException e)
        {
            throw new InvalidAuthTokenException(AuthTokenError.Malformed, e.Message);
        }
    }

    /// <summary>Whether the signature over bytes[65..] verifies with the embedded key.</summary>
    public bool HasValidSignature() =>
        PublicKey.Verify(_encoded.AsSpan(SignedFrom), _encoded.AsSpan(0, Signatures.Length));
}
