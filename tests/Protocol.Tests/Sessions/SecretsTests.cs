using Pubky.Protocol.Sessions;

namespace Pubky.Protocol.Tests.Sessions;

public class SecretsTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void A_session_secret_is_26_crockford_characters()
    {
        var secret = SessionSecret.Generate();
        Assert.Equal(26, secret.Length);
        Assert.All(secret, c => Assert.Contains(c, Crockford));
        Assert.True(SessionSecret.LooksValid(secret));
    }

    [Fact]
    public void Two_session_secrets_differ() => Assert.NotEqual(SessionSecret.Generate(), SessionSecret.Generate());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZ012")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZ01234")]
    public void Only_the_length_decides_whether_a_secret_is_looked_up(string? secret) => Assert.False(SessionSecret.LooksValid(secret));

    [Fact]
    public void The_stored_hash_differs_from_the_secret_and_is_stable()
    {
        var secret = SessionSecret.Generate();
        Assert.Equal(SessionSecret.Hash(secret), SessionSecret.Hash(secret));
        Assert.DoesNotContain(secret, SessionSecret.Hash(secret), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_signup_token_is_three_groups_of_four()
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
    public void The_format_check_is_length_and_alphabet(string? token, bool valid) => Assert.Equal(valid, SignupToken.IsValidFormat(token));
}
