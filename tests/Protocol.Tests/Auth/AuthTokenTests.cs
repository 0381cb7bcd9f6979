using Pubky.Protocol.Auth;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Keys;
using Pubky.Protocol.Tests.Support;

namespace Pubky.Protocol.Tests.Auth;

public class AuthTokenTests
{
    private static readonly byte[] VectorBytes = Convert.FromHexString(Vectors.AuthTokenHex);

    [Fact]
    public void The_spec_vector_is_143_bytes() => Assert.Equal(143, VectorBytes.Length);

    [Fact]
    public void The_spec_vector_decodes_to_its_fields()
    {
        var token = AuthToken.Decode(VectorBytes);
        Assert.Equal(Vectors.ZeroSecretZ32, token.PublicKey.Z32);
        Assert.Equal(Vectors.AuthTokenTimestamp, token.TimestampMicros);
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", token.Capabilities.ToString());
    }

    [Fact]
    public void The_spec_vectors_signature_verifies_over_bytes_from_65() =>
        Assert.True(AuthToken.Decode(VectorBytes).HasValidSignature());

    [Fact]
    public void The_spec_vectors_signature_does_not_cover_the_first_namespace_byte()
    {
        var key = PublicKey.ParseZ32(Vectors.ZeroSecretZ32);
        Assert.False(key.Verify(VectorBytes.AsSpan(64), VectorBytes.AsSpan(0, 64)));
        Assert.True(key.Verify(VectorBytes.AsSpan(65), VectorBytes.AsSpan(0, 64)));
    }

    [Fact]
    public void Changing_the_unsigned_first_namespace_byte_keeps_the_signature_valid()
    {
        var bytes = VectorBytes.ToArray();
        bytes[64] = (byte)'X';
        Assert.True(AuthToken.Decode(bytes).HasValidSignature());
    }

    [Fact]
    public void Signing_the_vectors_fields_with_the_zero_secret_reproduces_the_vector()
    {
        using var keypair = Keypair.FromSecret(Vectors.ZeroSecret);
        var token = AuthToken.Sign(keypair, CapabilityList.Parse("/pub/app/:rw,/pub/foo.txt:r"), Vectors.AuthTokenTimestamp);
        Assert.Equal(Vectors.AuthTokenHex, Convert.ToHexStringLower(token.Encoded));
    }

    [Fact]
    public void The_replay_id_is_timestamp_and_key() =>
        Assert.Equal("000660f94c4043f8" + Vectors.ZeroSecretHex, AuthToken.Decode(VectorBytes).ReplayId);

    [Fact]
    public void The_vector_is_refused_as_expired_once_the_window_has_passed()
    {
        var clock = TestClock.AtMicros(Vectors.AuthTokenTimestamp);
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, clock);
        clock.Advance(AuthTokenVerifier.DefaultWindow + TimeSpan.FromMicroseconds(1));
        var error = Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(VectorBytes));
        Assert.Equal(AuthTokenError.Expired, error.Error);
        Assert.Equal("AuthToken has a timestamp that is more than 3 minutes in the past", error.Message);
    }

    [Fact]
    public void The_vector_verifies_at_its_own_time()
    {
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp));
        Assert.Equal(Vectors.ZeroSecretZ32, verifier.Verify(VectorBytes).PublicKey.Z32);
    }

    [Theory]
    [InlineData(180, 180, null)]
    [InlineData(180, -180, null)]
    [InlineData(180, 181, "AuthToken has a timestamp that is more than 3 minutes in the future")]
    [InlineData(180, -181, "AuthToken has a timestamp that is more than 3 minutes in the past")]
    [InlineData(45, 46, "AuthToken has a timestamp that is more than 45 seconds in the future")]
    [InlineData(45, -46, "AuthToken has a timestamp that is more than 45 seconds in the past")]
    [InlineData(60, 61, "AuthToken has a timestamp that is more than 1 minute in the future")]
    public void The_window_is_inclusive_and_its_message_names_it(int windowSeconds, int tokenOffsetSeconds, string? expected)
    {
        const ulong now = 1_800_000_000_000_000;
        using var keypair = Keypair.Random();
        var token = AuthToken.Sign(keypair, CapabilityList.Root, (ulong)((long)now + tokenOffsetSeconds * 1_000_000L));
        var verifier = new AuthTokenVerifier(TimeSpan.FromSeconds(windowSeconds), TestClock.AtMicros(now));
        if (expected is null)
        {
            Assert.Equal(keypair.PublicKey, verifier.Verify(token.Encoded).PublicKey);
        }
        else
        {
            Assert.Equal(expected, Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(token.Encoded)).Message);
        }
    }

    [Fact]
    public void A_tampered_token_has_an_invalid_signature()
    {
        var bytes = VectorBytes.ToArray();
        bytes[^1] ^= 1;
        var verifier = new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp));
        var error = Assert.Throws<InvalidAuthTokenException>(() => verifier.Verify(bytes));
        Assert.Equal(AuthTokenError.InvalidSignature, error.Error);
        Assert.Equal("Invalid Signature", error.Message);
    }

    [Fact]
    public void Another_version_byte_is_an_unknown_version()
    {
        var bytes = VectorBytes.ToArray();
        bytes[AuthToken.VersionOffset] = 1;
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes));
        Assert.Equal("Unknown version", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(75)]
    [InlineData(114)]
    [InlineData(115)]
    [InlineData(120)]
    [InlineData(142)]
    public void A_truncated_token_is_malformed(int length)
    {
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(VectorBytes.AsSpan(0, length)));
        Assert.Equal(AuthTokenError.Malformed, error.Error);
        Assert.Equal("Hit the end of buffer, expected more data", error.Message);
    }

    [Fact]
    public void An_oversized_token_is_malformed()
    {
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(new byte[AuthToken.MaxEncodedLength + 1]));
        Assert.Equal(AuthTokenError.Malformed, error.Error);
    }

    [Fact]
    public void A_capability_length_beyond_the_input_is_malformed()
    {
        var bytes = VectorBytes.ToArray();
        bytes[115] = 0x7f;
        Assert.Equal(AuthTokenError.Malformed, Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes)).Error);
    }

    [Fact]
    public void Invalid_utf8_capabilities_are_malformed()
    {
        var bytes = VectorBytes.ToArray();
        bytes[116] = 0xff;
        var error = Assert.Throws<InvalidAuthTokenException>(() => AuthToken.Decode(bytes));
        Assert.Equal("Tried to decode a &str with bad UTF-8", error.Message);
    }

    [Fact]
    public void Invalid_capability_items_are_dropped_not_refused()
    {
        using var keypair = Keypair.Random();
        var caps = CapabilityList.Parse("/pub/a/:rw");
        var token = AuthToken.Sign(keypair, caps, 1);
        Assert.Equal("/pub/a/:rw", AuthToken.Decode(token.Encoded).Capabilities.ToString());
    }

    [Fact]
    public void Trailing_bytes_are_ignored_by_decoding_but_covered_by_the_signature()
    {
        var bytes = VectorBytes.Concat(new byte[] { 1, 2, 3 }).ToArray();
        var token = AuthToken.Decode(bytes);
        Assert.Equal("/pub/app/:rw,/pub/foo.txt:r", token.Capabilities.ToString());
        Assert.False(token.HasValidSignature());
    }

    [FsCheck.Xunit.Property]
    public bool Sign_then_decode_gives_the_same_fields(ulong timestamp, string[] scopes)
    {
        using var keypair = Keypair.Random();
        var caps = CapabilityList.From((scopes ?? []).Where(s => s is not null && !s.Contains(',') && !s.Contains(':'))
            .Select(s => new Capability("/" + s, CapabilityActions.Write)));
        var token = AuthToken.Sign(keypair, caps, timestamp);
        var decoded = AuthToken.Decode(token.Encoded);
        return decoded.TimestampMicros == timestamp
            && decoded.PublicKey == keypair.PublicKey
            && decoded.Capabilities.Equals(caps)
            && decoded.HasValidSignature();
    }

    [FsCheck.Xunit.Property]
    public void Random_bytes_are_either_a_token_or_a_typed_error(byte[] bytes)
    {
        try
        {
            AuthToken.Decode(bytes ?? []);
        }
        catch (InvalidAuthTokenException)
        {
        }
    }

    [FsCheck.Xunit.Property]
    public void Random_bytes_after_a_valid_header_are_either_a_token_or_a_typed_error(byte[] tail)
    {
        var bytes = VectorBytes.AsSpan(0, 115).ToArray().Concat(tail ?? []).ToArray();
        try
        {
            new AuthTokenVerifier(AuthTokenVerifier.DefaultWindow, TestClock.AtMicros(Vectors.AuthTokenTimestamp)).Verify(bytes);
        }
        catch (InvalidAuthTokenException)
        {
        }
    }
}
