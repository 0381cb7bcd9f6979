using System.Security.Cryptography;
using NSec.Cryptography;

namespace Pubky.Protocol.Keys;

/// <summary>An Ed25519 keypair made from a 32-byte secret (the seed), signing through NSec (libsodium).</summary>
public sealed class Keypair : IDisposable
{
    public const int SecretLength = 32;

    private readonly Key _key;

    private Keypair(Key key)
    {
        _key = key;
        PublicKey = PublicKey.FromBytes(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public PublicKey PublicKey { get; }

    public static Keypair FromSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretLength)
        {
            throw new ArgumentException($"An Ed25519 secret is {SecretLength} bytes, not {secret.Length}.", nameof(secret));
        }
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new Keypair(Key.Import(SignatureAlgorithm.Ed25519, secret, KeyBlobFormat.RawPrivateKey, in parameters));
    }

    public static Keypair Random() => FromSecret(RandomNumberGenerator.GetBytes(SecretLength));

    /// <summary>The 32-byte seed, for keeping the key in configuration or a file.</summary>
    public byte[] Secret() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature) =>
        SignatureAlgorithm.Ed25519.Sign(_key, message, signature);

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"Keypair({PublicKey.Z32})";
}
