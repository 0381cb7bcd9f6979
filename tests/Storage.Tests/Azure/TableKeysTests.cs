using FsCheck;
using Pubky.Protocol.Paths;
using PubkyCluster.Storage.Azure.Tables;

namespace PubkyCluster.Storage.Tests.Azure;

/// <summary>The key encodings alone; no Azurite needed.</summary>
public sealed class TableKeysTests
{
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool Ordered_keys_sort_like_the_utf8_bytes_of_the_paths(NonNull<string> left, NonNull<string> right) =>
        Math.Sign(string.CompareOrdinal(TableKeys.Ordered(Clean(left.Get)), TableKeys.Ordered(Clean(right.Get))))
        == Math.Sign(Utf8ByteOrder.Instance.Compare(Clean(left.Get), Clean(right.Get)));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Ordered_keys_hold_only_characters_tables_allow(NonNull<string> value) =>
        TableKeys.Ordered(Clean(value.Get)).All(c => c is > ' ' and < '\u007f' && Array.IndexOf(Forbidden, c) < 0);

    [Theory]
    [InlineData("/pub/example.con-file", "/pub/example.con/d.txt")]
    [InlineData("/pub/\uFFFD", "/pub/\U0001F600")]
    [InlineData("/pub/a", "/pub/a/")]
    [InlineData("/pub/a.", "/pub/a/")]
    [InlineData("/pub/a/", "/pub/a0")]
    [InlineData("/pub/a?", "/pub/a@")]
    [InlineData("/pub/a>", "/pub/a?")]
    [InlineData("/pub/a[", "/pub/a\\")]
    [InlineData("/pub/a}", "/pub/a~")]
    [InlineData("/pub/a ", "/pub/a-")]
    public void Known_neighbours_keep_their_order(string smaller, string larger) =>
        Assert.True(string.CompareOrdinal(TableKeys.Ordered(smaller), TableKeys.Ordered(larger)) < 0);

    [Fact]
    public void Escaping_keeps_distinct_values_distinct_and_removes_forbidden_characters()
    {
        string[] values = ["a/b", "a%2Fb", "a\\b", "a#b", "a?b", "a\u0001b", "a%b", "ab"];

        var escaped = values.Select(TableKeys.Escape).ToList();

        Assert.Equal(values.Length, escaped.Distinct(StringComparer.Ordinal).Count());
        Assert.All(escaped, key => Assert.True(key.IndexOfAny(Forbidden) < 0 && !key.Any(char.IsControl)));
    }

    /// <summary>Lone surrogates are not text a path can hold; replace them so UTF-8 is defined.</summary>
    private static string Clean(string value) => string.Create(value.Length, value, (span, source) =>
    {
        for (var index = 0; index < source.Length; index++)
        {
            var paired = char.IsHighSurrogate(source[index])
                ? index + 1 < source.Length && char.IsLowSurrogate(source[index + 1])
                : char.IsLowSurrogate(source[index]) && index > 0 && char.IsHighSurrogate(source[index - 1]);
            span[index] = char.IsSurrogate(source[index]) && !paired ? 'x' : source[index];
        }
    });
}
