using Pubky.Protocol.Sessions;

namespace Pubky.Protocol.Tests.Sessions;

public class SecretsTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void ASessionSecretIs26CrockfordCharacters()
    {
        var secret = SessionSecret.Generate();
        Assert.Equal(26, secret.Length);
        Assert.All(secret, c => Assert.Contains(c, Crockford));
        Assert.True(SessionSecret.LooksValid(secret));
    }

    [Fact]
    public void TwoSessionSecretsDiffer() => Assert.NotEqual(SessionSecret.Generate(), SessionSecret.Generate());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZ012")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZ01234")]
    public void OnlyTheLengthDecidesWhetherASecretIsLookedUp(string? secret) => Assert.False(SessionSecret.LooksValid(secret));

    [Fact]
    public void TheStoredHashDiffersFromTheSecretAndIsStable()
    {
        var secret = SessionSecret.Generate();
        Assert.Equal(SessionSecret.Hash(secret), SessionSecret.Hash(secret));
        Assert.DoesNotContain(secret, SessionSecret.Hash(secret), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ASignupTokenIsThreeGroupsOfFour()
    {
        var token = SignupToken.Generate();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", token);
        Assert.True(SignupToken.IsValidFormat(token));
    }

    [Theory]
    [InlineData("AAAA-BBBB-CCCC", true)] // the e2e's "unknown but well-formed" token
    [InlineData("1234567890", false)] // the e2e's signup deep-link token: wrong length
    [InlineData("invalid-format", false)]
    [InlineData("AAAA-BBBB-CCC!", false)]
    [InlineData("AAAABBBBCCCC", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TheFormatCheckIsLengthAndAlphabet(string? token, bool valid) => Assert.Equal(valid, SignupToken.IsValidFormat(token));
}
