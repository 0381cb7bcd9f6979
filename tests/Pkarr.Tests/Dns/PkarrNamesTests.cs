using Pubky.Pkarr.Dns;

namespace Pubky.Pkarr.Tests.Dns;

public sealed class PkarrNamesTests
{
    private static readonly string Origin = TestKeys.User.PublicKey.Z32;

    [Theory]
    [InlineData("foo", "foo.{0}")]
    [InlineData("foo.bar", "foo.bar.{0}")]
    [InlineData("foo.", "foo.{0}")]
    [InlineData("@", "{0}")]
    [InlineData(".", "{0}")]
    [InlineData("", "{0}")]
    [InlineData("{0}", "{0}")]
    [InlineData("{0}.", "{0}")]
    [InlineData("_pubky.{0}", "_pubky.{0}")]
    [InlineData("foo.@", "{0}")]
    public void Names_are_made_relative_to_the_key_as_pkarr_does(string name, string expected) =>
        Assert.Equal(string.Format(null, expected, Origin), PkarrNames.Normalize(string.Format(null, name, Origin), TestKeys.User.PublicKey));
}
