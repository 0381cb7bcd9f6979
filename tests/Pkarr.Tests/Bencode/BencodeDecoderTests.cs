using Pubky.Pkarr.Bencode;
using static Pubky.Pkarr.Tests.TestBytes;

namespace Pubky.Pkarr.Tests.Bencode;

public sealed class BencodeDecoderTests
{
    [Fact]
    public void Byte_strings_decode_as_byte_arrays() =>
        Assert.Equal(Ascii("spam"), BencodeDecoder.Decode(Ascii("4:spam")));

    [Fact]
    public void Integers_decode_as_longs() =>
        Assert.Equal(-42L, BencodeDecoder.Decode(Ascii("i-42e")));

    [Fact]
    public void Lists_decode_in_order()
    {
        var list = Assert.IsAssignableFrom<IReadOnlyList<object>>(BencodeDecoder.Decode(Ascii("li1e1:xe")));
        Assert.Equal(1L, list[0]);
        Assert.Equal(Ascii("x"), list[1]);
    }

    [Fact]
    public void Unknown_keys_are_kept_and_typed_getters_find_values()
    {
        var dictionary = Assert.IsType<BencodeDictionary>(BencodeDecoder.Decode(Ascii("d1:ad1:bi1ee3:new2:xy1:ti7ee")));

        Assert.Equal(3, dictionary.Count);
        Assert.True(dictionary.TryGetBytes("new", out var unknown));
        Assert.Equal(Ascii("xy"), unknown);
        Assert.True(dictionary.TryGetInteger("t", out var t));
        Assert.Equal(7L, t);
        Assert.True(dictionary.TryGetDictionary("a", out var nested));
        Assert.True(nested.TryGetValue("b", out _));
        Assert.False(dictionary.TryGetList("a", out _));
    }

    [Fact]
    public void Unsorted_keys_are_accepted() =>
        Assert.Equal(2, Assert.IsType<BencodeDictionary>(BencodeDecoder.Decode(Ascii("d1:bi1e1:ai2ee"))).Count);

    [Theory]
    [InlineData("i03e")]
    [InlineData("i-0e")]
    [InlineData("i-03e")]
    [InlineData("03:abc")]
    public void Non_canonical_numbers_are_rejected(string input) =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii(input)));

    [Theory]
    [InlineData("i9223372036854775808e")]
    [InlineData("i-9223372036854775809e")]
    [InlineData("99999999999999999999:a")]
    public void Numbers_beyond_64_bits_are_rejected(string input) =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii(input)));

    [Theory]
    [InlineData("ie")]
    [InlineData("i-e")]
    [InlineData("i1")]
    [InlineData("4:spa")]
    [InlineData("l")]
    [InlineData("d1:a")]
    [InlineData("di1ei2ee")]
    [InlineData("d1:ai1e1:ai2ee")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData(":")]
    public void Malformed_input_is_rejected(string input) =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii(input)));

    [Fact]
    public void Trailing_bytes_are_rejected() =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii("i1ei2e")));

    [Fact]
    public void Length_beyond_the_input_is_rejected() =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii("5:abcd")));

    [Fact]
    public void Nesting_deeper_than_the_bound_is_rejected()
    {
        var deep = Ascii(new string('l', 5) + new string('e', 5));

        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(deep, maxDepth: 4));
        Assert.IsAssignableFrom<IReadOnlyList<object>>(BencodeDecoder.Decode(deep, maxDepth: 5));
    }

    [Fact]
    public void Deeply_nested_hostile_input_is_rejected_without_stack_overflow() =>
        Assert.Throws<BencodeFormatException>(() => BencodeDecoder.Decode(Ascii(new string('l', 100_000))));
}
