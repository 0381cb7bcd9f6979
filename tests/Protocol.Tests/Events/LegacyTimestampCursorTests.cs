using Pubky.Protocol.Events;
using Pubky.Protocol.Paths;
using Pubky.Protocol.Tests.Paths;

namespace Pubky.Protocol.Tests.Events;

/// <summary>The legacy events cursor is 13 Crockford base32 characters of the 8-byte big-endian µs timestamp.</summary>
public class LegacyTimestampCursorTests
{
    [Fact]
    public void Zero_encodes_as_thirteen_zeros() => Assert.Equal("0000000000000", LegacyTimestampCursor.Encode(0));

    [Fact]
    public void Known_timestamp_encodes_big_endian() =>
        // 0x000660f94c4043f8 (the timestamp of Vectors.AuthTokenHex): its 64 bits and one zero pad bit in 13 groups of five.
        Assert.Equal("00361YAC811ZG", LegacyTimestampCursor.Encode(0x000660f94c4043f8));

    [Fact]
    public void Known_cursor_decodes_to_its_timestamp() =>
        Assert.Equal(0x000660f94c4043f8UL, LegacyTimestampCursor.Decode("00361YAC811ZG"));

    [Fact]
    public void Lowercase_and_lookalikes_decode_like_canonical_text() =>
        Assert.Equal(LegacyTimestampCursor.Decode("00361YAC811ZG"), LegacyTimestampCursor.Decode("oO36lyac8i1zg"));

    [Fact]
    public void Maximum_timestamp_round_trips() =>
        Assert.Equal(ulong.MaxValue, LegacyTimestampCursor.Decode(LegacyTimestampCursor.Encode(ulong.MaxValue)));

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("000000000000")]
    [InlineData("00000000000000")]
    [InlineData("000000000000U")]
    [InlineData("0000000000 00")]
    public void Other_text_is_an_invalid_cursor(string text) =>
        Assert.Equal("Invalid cursor", Assert.Throws<InvalidCursorException>(() => LegacyTimestampCursor.Decode(text)).Message);

    [FsCheck.Xunit.Property]
    public bool Encode_then_decode_gives_the_timestamp_back(ulong micros) =>
        LegacyTimestampCursor.Decode(LegacyTimestampCursor.Encode(micros)) == micros;

    [FsCheck.Xunit.Property]
    public bool Encoded_cursors_sort_like_their_timestamps(ulong a, ulong b) =>
        Math.Sign(string.CompareOrdinal(LegacyTimestampCursor.Encode(a), LegacyTimestampCursor.Encode(b))) == Math.Sign(a.CompareTo(b));

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ProtocolArbitraries)])]
    public bool Garbage_is_rejected_only_with_a_format_exception(string text) =>
        ParserContract.FailsOnlyWithFormatException(() => LegacyTimestampCursor.Decode(text));
}
