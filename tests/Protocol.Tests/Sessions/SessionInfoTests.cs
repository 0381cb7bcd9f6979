using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Sessions;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Sessions;

public class SessionInfoTests
{
    private static readonly PublicKey ZeroKey = PublicKey.ParseZ32(Vectors.ZeroSecretZ32);

    [Fact]
    public void The_rust_unit_test_vector_encodes_exactly()
    {
        var info = new SessionInfo(ZeroKey, 0, CapabilityList.Root, UserAgent: "foo");
        Assert.Equal("00" + Vectors.ZeroSecretHex + "000003666f6f01042f3a7277", Convert.ToHexStringLower(info.Encode()));
    }

    [Fact]
    public void The_rust_unit_test_vector_decodes()
    {
        var info = SessionInfo.Decode(Convert.FromHexString("00" + Vectors.ZeroSecretHex + "000003666f6f01042f3a7277"));
        Assert.Equal(ZeroKey, info.PublicKey);
        Assert.Equal(0UL, info.CreatedAt);
        Assert.Equal("foo", info.UserAgent);
        Assert.Equal("", info.Name);
        Assert.Equal("/:rw", info.Capabilities.ToString());
    }

    [Fact]
    public void The_server_form_has_empty_name_and_user_agent()
    {
        var info = new SessionInfo(ZeroKey, 1_700_000_000_000_000, CapabilityList.Root);
        var hex = Convert.ToHexStringLower(info.Encode());
        Assert.StartsWith("00" + Vectors.ZeroSecretHex, hex);
        Assert.EndsWith("000001042f3a7277", hex);
    }

    [Fact]
    public void An_empty_body_is_refused() =>
        Assert.Equal("Empty payload", Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode([])).Message);

    [Fact]
    public void A_first_byte_above_zero_is_an_unknown_version() =>
        Assert.Equal("Unknown version", Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode([1, 2, 3])).Message);

    [Fact]
    public void A_truncated_body_is_refused()
    {
        var bytes = new SessionInfo(ZeroKey, 5, CapabilityList.Root).Encode();
        Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void A_huge_capability_count_fails_fast_on_the_end_of_input()
    {
        var bytes = new SessionInfo(ZeroKey, 5, CapabilityList.Empty).Encode();
        bytes[^1] = 0xff;
        var withCount = bytes.Concat(new byte[] { 0xff, 0xff, 0xff, 0x0f }).ToArray();
        Assert.Throws<InvalidSessionInfoException>(() => SessionInfo.Decode(withCount));
    }

    [FsCheck.Xunit.Property]
    public bool Encode_then_decode_gives_the_same_info(ulong createdAt, string caps, string userAgent)
    {
        var info = new SessionInfo(ZeroKey, createdAt, CapabilityList.Parse(caps), UserAgent: userAgent?.Replace('\uFFFD', ' ') ?? "");
        // Lone surrogates do not survive UTF-8, in .NET as in Rust; compare what the encoder actually wrote.
        var decoded = SessionInfo.Decode(info.Encode());
        return decoded.CreatedAt == createdAt && decoded.Capabilities.Equals(info.Capabilities) && decoded.PublicKey == ZeroKey
            && SessionInfo.Decode(decoded.Encode()) == decoded with { };
    }

    [FsCheck.Xunit.Property]
    public void Random_bytes_are_either_a_session_info_or_a_typed_error(byte[] bytes)
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
