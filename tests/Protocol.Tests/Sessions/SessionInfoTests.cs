using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Sessions;

public class SessionInfoTests
{
    private static readonly PublicKey ZeroKey = PublicKey.ParseZ32(Vectors.ZeroSecretZ32);

    [Fact]
    public void TheRustUnitTestVectorEncodesExactly()
    {
        var info = new SessionInfo(ZeroKey, 0, CapabilityList.Root, UserAgent: "foo");
        Assert.Equal("00" + Vectors.ZeroSecretHex + "000003666f6f01042f3a7277", Convert.ToHexStringLower(info.Encode()));
    }

    [Fact]
    public void TheRustUnitTestVectorDecodes()
    {
        var info = SessionInfo.Decode(Convert.FromHexString("00" + Vectors.ZeroSecretHex + "000003666f6f01042f3a7277"));
        Assert.Equal(ZeroKey, info.PublicKey);
        Assert.Equal(0UL, info.CreatedAt);
        Assert.Equal("foo", info.UserAgent);
        Assert.Equal("", info.Name);
        Assert.Equal("/:rw", info.Capabilities.ToString());
    }

    [Fact]
    public void TheServerFormHasEmptyNameAndUserAgent()
    {
        var info = new SessionInfo(ZeroKey, 1_700_000_000_000_000, CapabilityList.Root);
        var hex = Convert.ToHexStringLower(info.Encode());
        Assert.StartsWith("00" + Vectors.ZeroSecretHex, hex);
        Assert.EndsWith("000001042f3a7277", hex);
    }

    [Fact]
    public void AnEmptyBodyIsRefused() =>
        Assert.Equal("Empty payload", Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode([])).Message);

    [Fact]
    public void AFirstByteAboveZeroIsAnUnknownVersion() =>
        Assert.Equal("Unknown version", Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode([1, 2, 3])).Message);

    [Fact]
    public void ATruncatedBodyIsRefused()
    {
        var bytes = new SessionInfo(ZeroKey, 5, CapabilityList.Root).Encode();
        Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void AHugeCapabilityCountFailsFastOnTheEndOfInput()
    {
        var bytes = new SessionInfo(ZeroKey, 5, CapabilityList.Empty).Encode();
        bytes[^1] = 0xff;
        var withCount = bytes.Concat(new byte[] { 0xff, 0xff, 0xff, 0x0f }).ToArray();
        Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode(withCount));
    }

    [FsCheck.Xunit.Property]
    public bool EncodeThenDecodeGivesTheSameInfo(ulong createdAt, string caps, string userAgent)
    {
        var info = new SessionInfo(ZeroKey, createdAt, CapabilityList.Parse(caps), UserAgent: userAgent?.Replace('\uFFFD', ' ') ?? "");
        // Lone surrogates do not survive UTF-8, in .NET as in Rust; compare what the encoder actually wrote.
        var decoded = SessionInfo.Decode(info.Encode());
        return decoded.CreatedAt == createdAt && decoded.Capabilities.Equals(info.Capabilities) && decoded.PublicKey == ZeroKey
            && SessionInfo.Decode(decoded.Encode()) == decoded with { };
    }

    [FsCheck.Xunit.Property]
    public void RandomBytesAreEitherASessionInfoOrATypedError(byte[] bytes)
    {
        try
        {
            SessionInfo.Decode(bytes ?? []);
        }
        catch (InvalidSessionInfoException)
        {
        }
    }
}
