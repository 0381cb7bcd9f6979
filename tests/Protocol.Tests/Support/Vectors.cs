namespace Pubky.Protocol.Tests.Support;

/// <summary>
/// Test vectors: pubky's static-testnet key (pubky-core v0.6.0: pubky-testnet/src/static_testnet.rs), the vector of
/// pkarr 3.10's pkarr/src/keys.rs tests, and an AuthToken in the layout of pubky-core's pubky-common/src/auth.rs.
/// </summary>
public static class Vectors
{
    /// <summary>The public key of the Ed25519 secret of 32 zero bytes: the static testnet's homeserver key.</summary>
    public const string ZeroSecretZ32 = "8pinxxgqs41n4aididenw5apqp1urfmzdztr8jt4abrkdn435ewo";

    public const string ZeroSecretHex = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";

    /// <summary>pkarr's keys.rs vector.</summary>
    public const string PkarrZ32 = "yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no";

    public static readonly byte[] PkarrBytes =
    [
        1, 180, 103, 163, 183, 145, 58, 178, 122, 4, 168, 237, 242, 243, 251, 7, 76, 254, 14,
        207, 75, 171, 225, 8, 214, 123, 227, 133, 59, 15, 38, 197,
    ];

    /// <summary>
    /// A 143-byte AuthToken (pubky-common/src/auth.rs layout, signature over bytes 65..): zero secret,
    /// caps "/pub/app/:rw,/pub/foo.txt:r", timestamp 0x000660f94c4043f8.
    /// </summary>
    public const string AuthTokenHex =
        "2cd8084eb89695544b6a55371cbfe79a6d929aaa8d6c7d5af39ab43d31099bc9492649e790ce28945ed57b12c9f53728e5dde5230cec529c4d097a59e9905c0e"
        + "5055424b593a4155544800000660f94c4043f83b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
        + "1b2f7075622f6170702f3a72772c2f7075622f666f6f2e7478743a72";

    public const ulong AuthTokenTimestamp = 0x000660f94c4043f8;

    public static byte[] ZeroSecret => new byte[32];
}
