using System.Text;
using Pubky.Client.Keys;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Tests.Keys;

public sealed class RecoveryFileTests
{
    [Fact]
    public void A_recovery_file_decrypts_with_its_passphrase_to_the_same_key()
    {
        using var keypair = Keypair.Random();

        var file = RecoveryFile.Create(keypair, "very secure password");
        using var recovered = RecoveryFile.Decrypt(file, "very secure password");

        Assert.Equal(keypair.PublicKey, recovered.PublicKey);
        Assert.StartsWith("pubky.org/recovery\n", Encoding.ASCII.GetString(file, 0, 19), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_passphrase_is_refused()
    {
        using var keypair = Keypair.Random();
        var file = RecoveryFile.Create(keypair, "right");

        var refusal = Assert.Throws<RecoveryFileException>(() => RecoveryFile.Decrypt(file, "wrong"));

        Assert.Contains("wrong passphrase", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_spec_line_is_refused_with_the_reference_text()
    {
        var refusal = Assert.Throws<RecoveryFileException>(() => RecoveryFile.Decrypt("no newline here"u8, ""));

        Assert.Equal("Recovery file should start with a spec line, followed by a new line character", refusal.Message);
    }

    [Fact]
    public void A_file_with_nothing_after_the_spec_line_is_refused_with_the_reference_text()
    {
        var refusal = Assert.Throws<RecoveryFileException>(() => RecoveryFile.Decrypt("pubky.org/recovery\n"u8, ""));

        Assert.Equal("Recovery file should contain an encrypted secret key after the new line character", refusal.Message);
    }

    [Fact]
    public void The_reference_sample_recovery_file_decrypts_with_its_empty_passphrase()
    {
        // pubky-core/examples/sample_recovery.key (empty passphrase, examples/javascript/README.md): only its tag
        // verifies when the nonce, tag and box are framed as pubky-common/src/crypto.rs frames them.
        var file = Convert.FromHexString(
            "7075626b792e6f72672f7265636f766572790a013c787bcf1111ec4a5715d0d09753558ac568da7041dc8b9e12538d869fc634455ff120533c681c9f403fe7e48bd7226b14f18341c16dd57028c0e3730b846c2e8132b5749f5ee2");

        using var keypair = RecoveryFile.Decrypt(file, "");

        Assert.Equal(52, keypair.PublicKey.Z32.Length);
    }
}
