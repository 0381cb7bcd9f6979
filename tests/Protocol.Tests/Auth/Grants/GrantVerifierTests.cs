using Microsoft.Extensions.Time.Testing;
using Pubky.Protocol.Auth.Grants;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;

namespace Pubky.Protocol.Tests.Auth.Grants;

public sealed class GrantVerifierTests : IDisposable
{
    private const long Now = 1_800_000_000;

    private readonly Keypair _user = Keypair.Random();
    private readonly Keypair _client = Keypair.Random();
    private readonly Keypair _homeserver = Keypair.Random();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(Now));

    private GrantVerifier Verifier => new(_homeserver.PublicKey, _clock);

    private GrantClaims Grant(long expiresAt = Now + 3600) => new(
        _user.PublicKey, "test.app", CapabilityList.Parse("/pub/test.app/:rw"), _client.PublicKey, GrantIds.NewId(),
        Now, expiresAt);

    private PopClaims Pop(GrantClaims grant, long issuedAt = Now) =>
        new(_homeserver.PublicKey, grant.GrantId, GrantIds.NewId(), issuedAt);

    private static string Forge(string type, string payloadJson, Keypair signer) =>
        CompactJws.Sign(signer, type, System.Text.Encoding.UTF8.GetBytes(payloadJson));

    private static GrantError Refusal(Action verify) => Assert.Throws<InvalidGrantException>(verify).Error;

    [Fact]
    public void A_grant_signed_by_its_issuer_verifies_to_its_claims()
    {
        var grant = Grant();
        Assert.Equal(grant, Verifier.VerifyGrant(grant.Sign(_user)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("only.two")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.e30.AA==")]
    public void A_grant_that_is_not_three_base64url_segments_is_a_format_error(string compact) =>
        Assert.Equal(GrantError.GrantInvalidFormat, Refusal(() => Verifier.VerifyGrant(compact)));

    [Fact]
    public void A_grant_header_with_a_member_besides_alg_and_typ_is_a_format_error()
    {
        var header = Base64UrlNoPad.Encode("{\"alg\":\"EdDSA\",\"typ\":\"pubky-grant\",\"kid\":\"x\"}"u8);
        var parts = Grant().Sign(_user).Split('.');
        Assert.Equal(GrantError.GrantInvalidFormat, Refusal(() => Verifier.VerifyGrant($"{header}.{parts[1]}.{parts[2]}")));
    }

    [Fact]
    public void A_grant_missing_a_claim_is_a_format_error() =>
        Assert.Equal(GrantError.GrantInvalidFormat, Refusal(() => Verifier.VerifyGrant(
            Forge(GrantClaims.JwsType, $"{{\"iss\":\"{_user.PublicKey.Z32}\",\"client_id\":\"a\",\"caps\":[]}}", _user))));

    [Fact]
    public void A_grant_with_an_unparsable_capability_is_a_format_error()
    {
        var json = System.Text.Encoding.UTF8.GetString(Grant().ToJson()).Replace("/pub/test.app/:rw", "pub:rw", StringComparison.Ordinal);
        Assert.Equal(GrantError.GrantInvalidFormat, Refusal(() => Verifier.VerifyGrant(Forge(GrantClaims.JwsType, json, _user))));
    }

    [Fact]
    public void A_grant_with_an_empty_or_overlong_client_id_is_a_format_error()
    {
        Assert.Equal(GrantError.GrantInvalidFormat, Refusal(() => Verifier.VerifyGrant((Grant() with { ClientId = "" }).Sign(_user))));
        Assert.Equal(GrantError.GrantInvalidFormat,
            Refusal(() => Verifier.VerifyGrant((Grant() with { ClientId = new string('a', 254) }).Sign(_user))));
    }

    [Fact]
    public void A_grant_id_longer_than_22_characters_is_a_format_error() =>
        Assert.Equal(GrantError.GrantInvalidFormat,
            Refusal(() => Verifier.VerifyGrant((Grant() with { GrantId = new string('a', 23) }).Sign(_user))));

    [Fact]
    public void A_grant_signed_by_another_key_than_its_issuer_has_a_bad_signature() =>
        Assert.Equal(GrantError.GrantInvalidSignature, Refusal(() => Verifier.VerifyGrant(Grant().Sign(_client))));

    [Fact]
    public void A_grant_whose_header_names_another_algorithm_has_a_bad_signature()
    {
        var header = Base64UrlNoPad.Encode("{\"alg\":\"HS256\",\"typ\":\"pubky-grant\"}"u8);
        var parts = Grant().Sign(_user).Split('.');
        var input = $"{header}.{parts[1]}";
        var forged = $"{input}.{Base64UrlNoPad.Encode(_user.Sign(System.Text.Encoding.ASCII.GetBytes(input)))}";
        Assert.Equal(GrantError.GrantInvalidSignature, Refusal(() => Verifier.VerifyGrant(forged)));
    }

    [Fact]
    public void A_grant_with_a_tampered_payload_has_a_bad_signature()
    {
        var parts = Grant().Sign(_user).Split('.');
        var other = Base64UrlNoPad.Encode((Grant() with { ClientId = "evil.app" }).ToJson());
        Assert.Equal(GrantError.GrantInvalidSignature, Refusal(() => Verifier.VerifyGrant($"{parts[0]}.{other}.{parts[2]}")));
    }

    [Fact]
    public void A_grant_typed_as_a_pop_has_the_wrong_header_type() =>
        Assert.Equal(GrantError.GrantInvalidHeaderType,
            Refusal(() => Verifier.VerifyGrant(CompactJws.Sign(_user, PopClaims.JwsType, Grant().ToJson()))));

    [Fact]
    public void A_grant_expiring_now_is_expired_and_one_a_second_later_is_not()
    {
        Assert.Equal(GrantError.GrantExpired, Refusal(() => Verifier.VerifyGrant(Grant(expiresAt: Now).Sign(_user))));
        Verifier.VerifyGrant(Grant(expiresAt: Now + 1).Sign(_user));
    }

    [Fact]
    public void A_pop_signed_by_the_grants_client_for_this_homeserver_verifies()
    {
        var grant = Grant();
        var pop = Pop(grant);
        Assert.Equal(pop, Verifier.VerifyPop(pop.Sign(_client), grant));
    }

    [Fact]
    public void A_pop_that_is_not_a_compact_jws_is_a_pop_format_error() =>
        Assert.Equal(GrantError.PopInvalidFormat, Refusal(() => Verifier.VerifyPop("not-a-jws", Grant())));

    [Fact]
    public void A_pop_signed_by_another_key_than_the_grants_cnf_has_a_bad_signature()
    {
        var grant = Grant();
        Assert.Equal(GrantError.PopInvalidSignature, Refusal(() => Verifier.VerifyPop(Pop(grant).Sign(_user), grant)));
    }

    [Fact]
    public void A_pop_with_unreadable_claims_has_a_bad_signature() =>
        Assert.Equal(GrantError.PopInvalidSignature,
            Refusal(() => Verifier.VerifyPop(Forge(PopClaims.JwsType, "{\"aud\":1}", _client), Grant())));

    [Fact]
    public void A_pop_typed_as_a_grant_has_the_wrong_header_type()
    {
        var grant = Grant();
        Assert.Equal(GrantError.PopInvalidHeaderType,
            Refusal(() => Verifier.VerifyPop(CompactJws.Sign(_client, GrantClaims.JwsType, Pop(grant).ToJson()), grant)));
    }

    [Fact]
    public void A_pop_for_another_homeserver_is_an_audience_mismatch()
    {
        var grant = Grant();
        var pop = Pop(grant) with { Audience = _user.PublicKey };
        Assert.Equal(GrantError.PopAudienceMismatch, Refusal(() => Verifier.VerifyPop(pop.Sign(_client), grant)));
    }

    [Fact]
    public void A_pop_bound_to_another_grant_is_a_grant_id_mismatch()
    {
        var grant = Grant();
        var pop = Pop(grant) with { GrantId = GrantIds.NewId() };
        Assert.Equal(GrantError.PopGrantIdMismatch, Refusal(() => Verifier.VerifyPop(pop.Sign(_client), grant)));
    }

    [Theory]
    [InlineData(-180, true)]
    [InlineData(180, true)]
    [InlineData(-181, false)]
    [InlineData(181, false)]
    public void A_pop_is_accepted_exactly_within_180_seconds_of_now(long offset, bool accepted)
    {
        var grant = Grant();
        var compact = Pop(grant, issuedAt: Now + offset).Sign(_client);
        if (accepted)
        {
            Verifier.VerifyPop(compact, grant);
        }
        else
        {
            Assert.Equal(GrantError.PopTimestampOutOfRange, Refusal(() => Verifier.VerifyPop(compact, grant)));
        }
    }

    [Fact]
    public void Malformed_and_mistyped_grants_are_400s_and_every_other_refusal_a_401()
    {
        Assert.False(InvalidGrantException.Of(GrantError.GrantInvalidFormat).IsUnauthorized);
        Assert.False(InvalidGrantException.Of(GrantError.GrantInvalidHeaderType).IsUnauthorized);
        Assert.True(InvalidGrantException.Of(GrantError.GrantInvalidSignature).IsUnauthorized);
        Assert.True(InvalidGrantException.Of(GrantError.GrantExpired).IsUnauthorized);
        Assert.True(InvalidGrantException.Of(GrantError.PopInvalidFormat).IsUnauthorized);
        Assert.Equal("Invalid grant: grant has expired", InvalidGrantException.Of(GrantError.GrantExpired).Message);
        Assert.Equal("Invalid PoP proof: PoP timestamp out of range",
            InvalidGrantException.Of(GrantError.PopTimestampOutOfRange).Message);
    }

    public void Dispose()
    {
        _user.Dispose();
        _client.Dispose();
        _homeserver.Dispose();
    }
}
