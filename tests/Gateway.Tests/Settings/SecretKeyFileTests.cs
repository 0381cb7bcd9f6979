using Microsoft.Extensions.Options;
using Pubky.Protocol.Keys;

namespace PubkyCluster.Gateway.Tests.Settings;

public sealed class SecretKeyFileTests
{
    [Fact]
    public void The_identity_is_the_secret_in_the_file_with_its_trailing_newline_ignored()
    {
        var secret = Enumerable.Range(1, Keypair.SecretLength).Select(i => (byte)i).ToArray();
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Convert.ToHexStringLower(secret) + "\n");
            using var expected = Keypair.FromSecret(secret);

            using var identity = new HomeserverIdentity(Options.Create(new HomeserverOptions { SecretKeyFile = file }));

            Assert.Equal(expected.PublicKey.Z32, identity.PublicKey.Z32);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
