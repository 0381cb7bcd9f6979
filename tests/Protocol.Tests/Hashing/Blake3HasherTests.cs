using Pubky.Protocol.Hashing;

namespace Pubky.Protocol.Tests.Hashing;

public class Blake3HasherTests
{
    [Fact]
    public void Finish_gives_thirty_two_bytes() => Assert.Equal(32, new Blake3Hasher().Finish().Length);

    [Fact]
    public void Finish_into_a_span_writes_the_same_hash_as_finish()
    {
        var hasher = new Blake3Hasher();
        hasher.Append("abc"u8);
        var destination = new byte[40];
        hasher.Finish(destination);
        Assert.Equal(Blake3Hasher.Hash("abc"u8), destination[..32]);
    }

    [Fact]
    public void Finish_into_a_too_small_span_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Blake3Hasher().Finish(new byte[31]));

    [Fact]
    public void Append_after_finish_is_refused()
    {
        var hasher = new Blake3Hasher();
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Append([1]));
    }

    [Fact]
    public void Finishing_twice_is_refused()
    {
        var hasher = new Blake3Hasher();
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Finish());
    }

    [FsCheck.Xunit.Property]
    public bool Any_split_of_the_input_hashes_like_the_whole(byte[] first, byte[] second, byte[] third)
    {
        first ??= [];
        second ??= [];
        third ??= [];
        var hasher = new Blake3Hasher();
        hasher.Append(first);
        hasher.Append(second);
        hasher.Append(third);
        return hasher.Finish().AsSpan().SequenceEqual(Blake3Hasher.Hash([.. first, .. second, .. third]));
    }
}
