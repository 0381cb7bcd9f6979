using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Pubky.Client.Crypto;

/// <summary>
/// XSalsa20-Poly1305 (NaCl's secretbox) as pubky-common/src/crypto.rs frames it: nonce(24) ‖ tag(16) ‖ ciphertext;
/// an empty message stays empty. The first 32 bytes of the XSalsa20 stream key Poly1305, the rest encrypts.
/// </summary>
public static class SecretBox
{
    public const int KeyLength = 32;
    public const int NonceLength = 24;
    public const int TagLength = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> key)
    {
        if (plain.IsEmpty)
        {
            return [];
        }
        var output = new byte[NonceLength + TagLength + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceLength));
        var stream = Stream(key, output.AsSpan(0, NonceLength), out var macKey);
        var cipher = output.AsSpan(NonceLength + TagLength);
        stream.ProcessBytes(plain, cipher);
        Tag(macKey, cipher, output.AsSpan(NonceLength, TagLength));
        return output;
    }

    /// <summary>The plain text, or null when the box is too short or its tag does not match (wrong key, altered bytes).</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> box, ReadOnlySpan<byte> key)
    {
        if (box.IsEmpty)
        {
            return [];
        }
        if (box.Length < NonceLength + TagLength)
        {
            return null;
        }
        var stream = Stream(key, box[..NonceLength], out var macKey);
        var cipher = box[(NonceLength + TagLength)..];
        Span<byte> expected = stackalloc byte[TagLength];
        Tag(macKey, cipher, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, box.Slice(NonceLength, TagLength)))
        {
            return null;
        }
        var plain = new byte[cipher.Length];
        stream.ProcessBytes(cipher, plain);
        return plain;
    }

    private static XSalsa20Engine Stream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, out byte[] macKey)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A secretbox key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }
        var engine = new XSalsa20Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        macKey = new byte[32];
        engine.ProcessBytes(new byte[32], macKey);
        return engine;
    }

    private static void Tag(byte[] macKey, ReadOnlySpan<byte> cipher, Span<byte> tag)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(macKey));
        mac.BlockUpdate(cipher);
        mac.DoFinal(tag);
    }
}
