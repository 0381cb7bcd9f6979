using Pubky.Protocol.Hashing;

namespace Pubky.Protocol.Tests.Hashing;

public class Blake3HasherTests
{
    [Fact]
    public void FinishGivesThirtyTwoBytes() => Assert.Equal(32, new Blake3Hasher().Finish().Length);

    [Fact]
    public void FinishIntoASpanWritesTheSameHashAsFinish()
    {
        var hasher = new Blake3Hasher();
        hasher.Append("abc"u8);
        var destination = new byte[40];
        hasher.Finish(destination);
        Assert.Equal(Blake3Hasher.Hash("abc"u8), destination[..32]);
    }

    [Fact]
    public void FinishIntoATooSmallSpanIsRefused() =>
        Assert.Throws<ArgumentException>(() => new Blake3Hasher().Finish(new byte[31]));

    [Fact]
    public void AppendAfterFinishIsRefused()
    {
        var hasher = new Blake3Hasher();
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Append([1]));
    }

    [Fact]
    public void FinishingTwiceIsRefused()
    {
        var hasher = new Blake3Hasher();
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Finish());
    }

    [FsCheck.Xunit.Property]
    public bool AnySplitOfTheInputHashesLikeTheWhole(byte[] first, byte[] second, byte[] third)
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
