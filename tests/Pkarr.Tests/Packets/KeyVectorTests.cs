using Pubky.Protocol.Keys;

namespace Pubky.Pkarr.Tests.Packets;

/// <summary>
/// The z-base-32 vectors of pkarr 3.10's pkarr/src/keys.rs tests and pubky's static-testnet homeserver key (pubky-core
/// v0.6.0: pubky-testnet/src/static_testnet.rs), as the packet layer depends on them.
/// </summary>
public sealed class KeyVectorTests
{
    [Fact]
    public void Pkarr_keys_rs_vector_decodes_to_its_bytes()
    {
        byte[] expected = [1, 180, 103, 163, 183, 145, 58, 178, 122, 4, 168, 237, 242, 243, 251, 7, 76, 254, 14, 207, 75, 171, 225, 8, 214, 123, 227, 133, 59, 15, 38, 197];

        Assert.True(PublicKey.TryParseZ32("yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no", out var key));
        Assert.Equal(expected, key.Bytes.ToArray());
        Assert.Equal("yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no", PublicKey.FromBytes(expected).Z32);
    }

    [Fact]
    public void Zero_seed_gives_the_static_testnet_homeserver_key()
    {
        Assert.Equal("8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo", TestKeys.Homeserver.PublicKey.Z32);
        Assert.StartsWith("3b6a27bc", Convert.ToHexStringLower(TestKeys.Homeserver.PublicKey.Bytes), StringComparison.Ordinal);
    }
}
