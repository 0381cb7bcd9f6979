using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Pubky.Client.Crypto;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Keys;

/// <summary>
/// The reference's recovery file (pubky-common/src/recovery_file.rs): the line <c>pubky.org/recovery</c>, a newline,
/// then the 32-byte secret key in a <see cref="SecretBox"/> keyed by Argon2id(passphrase, salt "recovery") with the
/// argon2 crate's defaults (19 MiB, 2 passes, 1 lane, version 0x13). Files written as <c>pkarr.org/recovery</c> are read too.
/// </summary>
public static class RecoveryFile
{
    private const string SpecLine = "pubky.org/recovery";
    private const string LegacySpecLine = "pkarr.org/recovery";
    private static readonly byte[] Salt = "recovery"u8.ToArray();
    private const string SpecLineMissing = "Recovery file should start with a spec line, followed by a new line character";

    public static byte[] Create(Keypair keypair, string passphrase)
    {
        var box = SecretBox.Encrypt(keypair.Secret(), KeyFrom(passphrase));
        var file = new byte[SpecLine.Length + 1 + box.Length];
        Encoding.ASCII.GetBytes(SpecLine, file);
        file[SpecLine.Length] = (byte)'\n';
        box.CopyTo(file, SpecLine.Length + 1);
        return file;
    }

    /// <exception cref="RecoveryFileException">The file is malformed, or the passphrase is wrong.</exception>
    public static Keypair Decrypt(ReadOnlySpan<byte> file, string passphrase)
    {
        var newline = file.IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw new RecoveryFileException(SpecLineMissing);
        }
        var spec = file[..newline];
        if (!spec.StartsWith(Encoding.ASCII.GetBytes(SpecLine)) && !spec.StartsWith(Encoding.ASCII.GetBytes(LegacySpecLine)))
        {
            throw new RecoveryFileException(SpecLineMissing);
        }
        var box = file[(newline + 1)..];
        if (box.IsEmpty)
        {
            throw new RecoveryFileException("Recovery file should contain an encrypted secret key after the new line character");
        }
        if (box.Length < SecretBox.NonceLength)
        {
            throw new RecoveryFileException($"Encrypted message too small, expected at least 24 bytes nonce, received {box.Length} bytes");
        }
        var secret = SecretBox.Decrypt(box, KeyFrom(passphrase))
            ?? throw new RecoveryFileException("Failed to decrypt the recovery file: wrong passphrase or altered file");
        return secret.Length == Keypair.SecretLength
            ? Keypair.FromSecret(secret)
            : throw new RecoveryFileException($"Recovery file encrypted secret key should be 32 bytes, got {secret.Length}");
    }

    private static byte[] KeyFrom(string passphrase)
    {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(19 * 1024)
            .WithIterations(2)
            .WithParallelism(1)
            .WithSalt(Salt)
            .Build();
        var generator = new Argon2BytesGenerator();
        generator.Init(parameters);
        var key = new byte[SecretBox.KeyLength];
        generator.GenerateBytes(Encoding.UTF8.GetBytes(passphrase), key);
        return key;
    }
}
