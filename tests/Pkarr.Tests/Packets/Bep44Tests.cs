using Pubky.Pkarr.Packets;
using Pubky.Protocol.Keys;
using static Pubky.Pkarr.Tests.TestBytes;

namespace Pubky.Pkarr.Tests.Packets;

/// <summary>The test vectors published in BEP44.</summary>
public sealed class Bep44Tests
{
    private static readonly PublicKey K = PublicKey.FromBytes(Hex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548"));
    private static readonly byte[] Value = Ascii("Hello World!");
    private static readonly byte[] Salt = Ascii("foobar");

    [Fact]
    public void Signable_without_salt_matches_the_vector() =>
        Assert.Equal(Ascii("3:seqi1e1:v12:Hello World!"), Bep44.Signable(1, Value));

    [Fact]
    public void Target_without_salt_matches_the_vector() =>
        Assert.Equal("4a533d47ec9c7d95b1ad75f576cffc641853b750", Convert.ToHexStringLower(Bep44.Target(K)));

    [Fact]
    public void Signature_without_salt_verifies() =>
        Assert.True(K.Verify(Bep44.Signable(1, Value), Hex(
            "305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01")));

    [Fact]
    public void Signable_with_salt_matches_the_vector() =>
        Assert.Equal(Ascii("4:salt6:foobar3:seqi1e1:v12:Hello World!"), Bep44.Signable(1, Value, Salt));

    [Fact]
    public void Target_with_salt_matches_the_vector() =>
        Assert.Equal("411eba73b6f087ca51a3795d9c8c938d365e32c1", Convert.ToHexStringLower(Bep44.Target(K, Salt)));

    [Fact]
    public void Signature_with_salt_verifies() =>
        Assert.True(K.Verify(Bep44.Signable(1, Value, Salt), Hex(
            "6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17ddf9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08")));

    [Fact]
    public void Signable_writes_large_timestamps_in_plain_decimal() =>
        Assert.Equal(Ascii("3:seqi1700000000000000e1:v0:"), Bep44.Signable(1_700_000_000_000_000, []));
}
