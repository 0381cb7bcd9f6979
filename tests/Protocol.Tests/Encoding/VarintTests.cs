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
    public void ValuesEncodeAsLeb128(ulong value, string hex)
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(value, buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer.AsSpan(0, length)));
        Assert.Equal(length, Varint.Length(value));
    }

    [Fact]
    public void AVarintCutShortIsNotRead() => Assert.False(Varint.TryRead([0x80, 0x80], out _, out _));

    [Fact]
    public void AVarintBeyondSixtyFourBitsIsNotRead() =>
        Assert.False(Varint.TryRead([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], out _, out _));

    [FsCheck.Xunit.Property]
    public bool WriteThenReadGivesTheValueBack(ulong value)
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(value, buffer);
        return Varint.TryRead(buffer, out var back, out var consumed) && back == value && consumed == length;
    }
}
