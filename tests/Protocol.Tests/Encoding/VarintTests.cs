using Pubky.Protocol.Encoding;

namespace Pubky.Protocol.Tests.Encoding;

public class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff01")]
    public void Values_encode_as_leb128(ulong value, string hex)
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(value, buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer.AsSpan(0, length)));
        Assert.Equal(length, Varint.Length(value));
    }

    [Fact]
    public void A_varint_cut_short_is_not_read() => Assert.False(Varint.TryRead([0x80, 0x80], out _, out _));

    [Fact]
    public void A_varint_beyond_sixty_four_bits_is_not_read() =>
        Assert.False(Varint.TryRead([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], out _, out _));

    [FsCheck.Xunit.Property]
    public bool Write_then_read_gives_the_value_back(ulong value)
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(value, buffer);
        return Varint.TryRead(buffer, out var back, out var consumed) && back == value && consumed == length;
    }
}
